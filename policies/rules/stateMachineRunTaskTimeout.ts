import { ResourceValidationPolicy } from "@pulumi/policy";
import { ecsTaskStatesOf } from "../lib/asl";
import { forType, TYPES } from "../lib/resourceTypes";

/** Every state that waits on an ECS task bounds the wait. */
export const stateMachineRunTaskTimeout: ResourceValidationPolicy = {
  name: "state-machine-run-task-timeout",
  description:
    "Every state that runs an ECS task must set TimeoutSeconds (or TimeoutSecondsPath), so a stuck " +
    "batch cannot run, and bill, until the execution's one-year limit.",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    for (const { path, state } of ecsTaskStatesOf(args.type, args.props)) {
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        reportViolation(
          `State ${path} runs an ECS task without TimeoutSeconds; set fargate-access:stepFunctions.timeoutSeconds.`,
        );
      }
    }
  }),
};
