import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseDefinition, runTaskStates } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";

/** State machines log every event, trace with X-Ray, and bound every ECS task with a timeout. */
export const stateMachineObservability: ResourceValidationPolicy = {
  name: "state-machine-logging-tracing-timeout",
  description:
    "State machines must log at level ALL and enable X-Ray tracing (the execution history is the audit " +
    "trail of who ran what), and every ECS run-task state must set TimeoutSeconds so a stuck batch cannot " +
    "run (and bill) forever. (cdk-nag SF1/SF2, Checkov CKV_AWS_284/CKV_AWS_285)",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.stateMachine) {
      return;
    }
    const logging = args.props.loggingConfiguration as { level?: string } | undefined;
    if (logging?.level !== "ALL") {
      reportViolation(`loggingConfiguration.level is ${logging?.level ?? "unset"}; set it to ALL.`);
    }
    const tracing = args.props.tracingConfiguration as { enabled?: boolean } | undefined;
    if (tracing?.enabled !== true) {
      reportViolation("tracingConfiguration.enabled is not true; turn X-Ray tracing on.");
    }
    const definition = parseDefinition(args.props.definition);
    for (const { path, state } of definition ? runTaskStates(definition) : []) {
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        reportViolation(
          `State ${path} runs an ECS task without TimeoutSeconds; set fargate-access:stepFunctions.timeoutSeconds.`,
        );
      }
    }
  },
};
