import { ResourceValidationPolicy } from "@pulumi/policy";
import { ecsTaskStatesOf } from "../lib/asl";
import { forType, TYPES } from "../lib/resourceTypes";
import { stateTimeoutOf } from "../lib/stateTimeout";

/** Every state that waits on an ECS task bounds the wait with a fixed timeout. */
export const stateMachineRunTaskTimeout: ResourceValidationPolicy = {
  name: "state-machine-run-task-timeout",
  description:
    "Every state that runs an ECS task must set a fixed TimeoutSeconds (a literal number), so a " +
    "stuck batch cannot run, and bill, until the execution's one-year limit; a timeout taken from " +
    "the input (TimeoutSecondsPath, a JSONata {% %} expression) lets the caller lift that bound.",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    for (const located of ecsTaskStatesOf(args.type, args.props)) {
      const timeout = stateTimeoutOf(located);
      if (timeout.kind === "missing") {
        reportViolation(
          `State ${located.path} runs an ECS task without TimeoutSeconds; set fargate-access:stepFunctions.timeoutSeconds.`,
        );
      } else if (timeout.kind === "fromInput") {
        reportViolation(
          `State ${located.path} takes its timeout from the execution (${timeout.how}), so the caller decides how long the task may run; use a literal TimeoutSeconds (fargate-access:stepFunctions.timeoutSeconds).`,
        );
      }
    }
  }),
};
