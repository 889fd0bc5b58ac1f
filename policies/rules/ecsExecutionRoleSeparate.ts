import { ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";

/** The execution role (image pull, logs) is not the task role (what the app may do). */
export const ecsExecutionRoleSeparate: ResourceValidationPolicy = {
  name: "ecs-execution-role-separate",
  description:
    "Task definitions must use different task and execution roles, so the application never holds the " +
    "rights to pull images and read the task's secrets. (Checkov CKV_AWS_249)",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    const { taskRoleArn, executionRoleArn } = args.props as Record<string, unknown>;
    if (taskRoleArn !== undefined && taskRoleArn === executionRoleArn) {
      reportViolation(
        "taskRoleArn and executionRoleArn are the same role; give the task its own role.",
      );
    }
  }),
};
