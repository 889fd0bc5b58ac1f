/**
 * Actions that take resource ARNs but may be granted on a wildcard resource because the policy's
 * author cannot name the resource: it does not exist yet when the policy is written, AWS makes
 * up its identifier when it creates it, and the action reaches no data and no other permission.
 * AWS's own published policies grant each of these on `*` (sources per entry).
 *
 * An entry must meet all of:
 * 1. the resource's identifier is chosen by AWS at run time (an ECS task id, a Session Manager
 *    target's connection), or the action only *creates* a resource under a name the caller
 *    picks (`logs:CreateLogGroup`), so no ARN is there to put in the policy;
 * 2. the action reads no customer data and changes no permission: no object, secret, parameter,
 *    log event or policy is read or written through it;
 * 3. it is not a mutation of long-lived resources of other teams (no update, delete, put or
 *    tag of something that exists independently of the caller's own run).
 *
 * The exemption is for a statement as a whole: it applies only when every action the statement
 * grants on a wildcard resource (lib/statementBreadth.ts) is listed here. `ecs:StopTask` next to
 * `ecs:RunTask` on `*`, `logs:*` or `logs:CreateLogGroup` with `logs:PutLogEvents` on the
 * account's log ARNs are judged as before, with every action named.
 *
 * What remains possible, and why it is accepted:
 * - `ecs:StopTask` on `*` stops any task of the account (availability, not confidentiality);
 *   Step Functions' own policy takes that risk for `.sync` runs, and `ecs:cluster` can narrow it.
 * - `ecs:DescribeTasks` on `*` shows any task's status, containers and overrides; an override's
 *   environment may hold values, which is why the secret rules judge run-task overrides too.
 * - `logs:CreateLogGroup` can pre-create a group another service would create (retention and key
 *   are then the creator's); `service-log-groups-expire` judges the groups of this stack.
 * - `ssm:GetConnectionStatus` says whether a target is connected, nothing else.
 */
export interface UnnameableResourceAction {
  /** As the IAM service reference spells it. */
  action: string;
  /** The resource type the action takes (IAM service reference), which cannot be named. */
  resourceType: string;
  /** Why its resource cannot be named in advance, and what the action reaches. */
  reason: string;
  /** The AWS document that grants it on a wildcard resource. */
  source: string;
}

export const UNNAMEABLE_RESOURCE_ACTIONS: readonly UnnameableResourceAction[] = [
  {
    action: "ecs:StopTask",
    resourceType: "task",
    reason:
      "the task id is made up by ECS when the task starts; stops a run, reads and grants nothing",
    source:
      "AWS Step Functions Developer Guide, 'IAM policies for Amazon ECS/AWS Fargate' " +
      "(https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html): 'Because the value " +
      "for TaskId is not known until the task is submitted, Step Functions creates a more " +
      'privileged "Resource": "*" policy.\'',
  },
  {
    action: "ecs:DescribeTasks",
    resourceType: "task",
    reason: "the task id is made up by ECS when the task starts; reads the task's status",
    source: "the same page (Run a Job (.sync) policy, static and dynamic resources)",
  },
  {
    action: "ssm:GetConnectionStatus",
    resourceType: "instance",
    reason:
      "the managed node's id (mi-…) is assigned at registration; returns Connected or " +
      "NotConnected only",
    source:
      "AWS Systems Manager User Guide, 'Sample IAM policies for Session Manager', quickstart end " +
      "user policies (https://docs.aws.amazon.com/systems-manager/latest/userguide/" +
      "getting-started-restrict-access-quickstart.html); SSM API Reference, GetConnectionStatus",
  },
  {
    action: "logs:CreateLogGroup",
    resourceType: "log-group",
    reason:
      "creates an empty log group (an existing name fails with ResourceAlreadyExistsException); " +
      "reads and writes no log events",
    source:
      "AWS Lambda Operator Guide, 'Applying the principles of least privilege' " +
      "(https://docs.aws.amazon.com/lambda/latest/operatorguide/least-privilege.html): the " +
      "console's role may 'create a CloudWatch log group in the current Region and AWS account'; " +
      "CloudWatch Logs API Reference, CreateLogGroup",
  },
];

const NAMES = new Set(UNNAMEABLE_RESOURCE_ACTIONS.map(({ action }) => action.toLowerCase()));

/**
 * True when every action a statement grants on wildcard resources is one whose resource cannot be
 * named (the list above); false for an empty list, which needs no exemption. Names as the IAM
 * reference spells them, compared without case (IAM action names are case-insensitive).
 */
export function onlyUnnameableResourceActions(actions: readonly string[]): boolean {
  return actions.length > 0 && actions.every((action) => NAMES.has(action.toLowerCase()));
}
