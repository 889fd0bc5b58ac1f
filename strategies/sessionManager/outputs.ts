/**
 * The stack outputs the strategy adds, with what each holds. A leaf module: the stack-output
 * type (`lib/stackOutputs.ts`) reads the names without loading the strategy.
 */
export const SESSION_MANAGER_OUTPUTS = {
  sessionManagerActivationRoleArn: "the role the tasks' managed instances get",
  sessionManagerCleanupFunctionName:
    "the function that deregisters what stopped tasks leave behind",
  sessionManagerStartCommand:
    "a ready-to-paste `aws ssm start-session …` on an Online instance of this stack, recorded",
  sessionManagerOperatorRoleArn:
    "the role operators assume for recorded sessions on this stack's tasks only",
};
