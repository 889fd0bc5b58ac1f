import { ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";

/** Task definitions do not share the host's network namespace. */
export const ecsTaskNoHostNetwork: ResourceValidationPolicy = {
  name: "ecs-task-no-host-network",
  description:
    "Task definitions must not use networkMode host: the containers would share the host's network " +
    "stack, security groups per task no longer apply. (Security Hub ECS.1)",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    if (args.props.networkMode === "host") {
      reportViolation("networkMode is host; use awsvpc.");
    }
  }),
};
