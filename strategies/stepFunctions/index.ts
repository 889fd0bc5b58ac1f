import { costLine, taskHourPrice } from "../../cost/lines";
import { formatNumber } from "../../lib/format";
import type { StrategyModule } from "../strategyModule";
import {
  STEP_FUNCTIONS_FIELDS,
  STEP_FUNCTIONS_RESOURCE_NAME,
  stepFunctionsServiceKeys,
} from "./config";
import { STEP_FUNCTIONS_OUTPUTS } from "./outputs";

/**
 * State transitions of one successful run of the state machine with three commands and no
 * environment: ValidateInput, HasEnvironment, NoEnvironment, InspectInput, CheckShape, the
 * command check (map entry plus two per command), the (empty) variable check, RunTask,
 * Succeeded. The Step Functions test runs the definition and counts them.
 */
export const TRANSITIONS_PER_RUN = 15;

/** Step Functions: a state machine that runs the task definition with the operator's command. */
export const stepFunctions: StrategyModule<
  typeof STEP_FUNCTIONS_FIELDS,
  keyof typeof STEP_FUNCTIONS_OUTPUTS
> = {
  title: "Step Functions",
  resourceName: STEP_FUNCTIONS_RESOURCE_NAME,
  config: STEP_FUNCTIONS_FIELDS,
  // The run-task's container needs what the workload already reaches (ECR, logs).
  endpointServices: () => [],
  costLines: (_config, { shared, prices }) => {
    const { stepFunctionsRunsPerMonth: runs, stepFunctionsRunMinutes: minutes } = shared.cost;
    const billable = Math.max(0, runs * TRANSITIONS_PER_RUN - prices.stepFunctionsFreeTransitions);
    return [
      costLine(
        `Step Functions transitions (${runs} runs × ${TRANSITIONS_PER_RUN}, first ${formatNumber(prices.stepFunctionsFreeTransitions)} free)`,
        billable,
        "transition",
        prices.stepFunctionsPer1000Transitions,
        1000,
      ),
      costLine(
        `Step Functions run tasks (${runs} runs × ${minutes} min)`,
        (runs * minutes) / 60,
        "task-hour",
        taskHourPrice(shared, prices),
      ),
    ];
  },
  serviceKeys: stepFunctionsServiceKeys,
  outputs: STEP_FUNCTIONS_OUTPUTS,
  renamedOutputs: {
    stateMachineArn: "stepFunctionsStateMachineArn",
    startExecutionCommand: "stepFunctionsStartCommand",
  },
  task: async () => (await import("./runTask")).stepFunctionsTask,
  audit: async () => (await import("./audit")).stepFunctionsAudit,
  doctorChecks: async () => (await import("./doctor")).stepFunctionsChecks,
  // Loaded on use: the cost and doctor commands read this module without loading @pulumi/*.
  component: () =>
    (require("./stepFunctionsAccess") as typeof import("./stepFunctionsAccess"))
      .StepFunctionsAccess,
};
