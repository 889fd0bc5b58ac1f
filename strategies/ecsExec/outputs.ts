/**
 * The stack outputs the strategy adds, with what each holds. A leaf module: the stack-output
 * type (`lib/stackOutputs.ts`) reads the names without loading the strategy.
 */
export const ECS_EXEC_OUTPUTS = {
  ecsExecCommand:
    "a ready-to-paste `aws ecs execute-command …` into a task whose exec agent is RUNNING",
  ecsExecOperatorRoleArn: "the role operators assume to exec into this stack's container only",
};
