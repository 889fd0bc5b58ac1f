/**
 * Tag keys the container puts on its hybrid activation. SSM copies an activation's tags to the
 * managed instance it registers, so the cleanup function and the operator policy find this
 * stack's instances by them. Shared by the entrypoint's environment, the IAM conditions and the
 * cleanup handler; this module must stay free of Pulumi imports (it is bundled into the Lambda).
 */
export const ACTIVATION_TAG_KEYS = {
  /** `<project>/<stack>`: which stack an activation or instance belongs to. */
  stack: "fargate-access:stack",
  /** The ECS cluster ARN of the task that registered. */
  clusterArn: "fargate-access:cluster-arn",
  /** The ECS task ARN that registered: the key of the clean-up on `STOPPED`. */
  taskArn: "fargate-access:task-arn",
} as const;

/** The value of the stack tag for a project and stack. */
export function stackTagValue(project: string, stack: string): string {
  return `${project}/${stack}`;
}

/** The account-and-region-wide SSM setting that selects the hybrid instance tier. */
export const ACTIVATION_TIER_SETTING = "/ssm/managed-instance/activation-tier";

/**
 * The stack's Session document, `<project>-<stack>-shell`: the only document its operators may
 * start sessions with. Pure, so the doctor derives it from the stack tag too.
 */
export function sessionDocumentName(stackTag: string): string {
  return `${stackTag.replace("/", "-")}-shell`;
}
