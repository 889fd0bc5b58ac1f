import { ResourceValidationPolicy } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";

/** Every state that waits on an ECS task bounds the wait. */
export const stateMachineRunTaskTimeout: ResourceValidationPolicy = {
  name: "state-machine-run-task-timeout",
  description:
    "Every state that runs an ECS task must set TimeoutSeconds (or TimeoutSecondsPath), so a stuck " +
    "batch cannot run, and bill, until the execution's one-year limit.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.stateMachine) {
      return;
    }
    const read = readDefinition(args.props.definition);
    if (read.kind === "invalid") {
      return; // the run-task network rules report an unreadable definition once
    }
    for (const { path, state } of read.definition.ecsTaskStates) {
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
        reportViolation(
          `State ${path} runs an ECS task without TimeoutSeconds; set fargate-access:stepFunctions.timeoutSeconds.`,
        );
      }
    }
  },
};
