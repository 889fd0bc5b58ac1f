import { logsRequestResources } from "./logsAuthorization";

/**
 * What the SSM agent ECS Exec runs in the container does with the cluster's session logging
 * settings when an operator opens a session. Rules, from amazon-ssm-agent:
 *
 * - `agent/session/shell/shell.go`: when a CloudWatch log group is configured and
 *   `cloudWatchEncryptionEnabled` is true, a group without a KMS key refuses the session
 *   (`IsLogGroupEncryptedWithKMS`: encrypted means `kmsKeyId` is set); a group it cannot find
 *   (`IsLogGroupPresent`, i.e. `logs:DescribeLogGroups`) turns streaming off with only a warning.
 * - `agent/agentlogstocloudwatch/cloudwatchlogspublisher/cloudwatchlogsservice.go`: streaming
 *   creates a stream, reads it back and puts events (`logs:CreateLogStream`,
 *   `logs:DescribeLogStreams`, `logs:PutLogEvents`), the calls AWS's ECS Exec task-role example
 *   policy lists ("Using ECS Exec", Amazon ECS developer guide), each authorized on the ARNs
 *   CloudWatch Logs evaluates for it (`logsRequestResources`, test/fakes/logsAuthorization.ts).
 * - Which group: `OVERRIDE` → `logConfiguration.cloudWatchLogGroupName`; `DEFAULT` → the
 *   container's `awslogs-group`; `NONE` → no logging (ECS ExecuteCommandConfiguration docs).
 * - `kmsKeyId` encrypts "the data between the local client and the container" whatever the
 *   logging setting (client-ecs `ExecuteCommandConfiguration.kmsKeyId`), and the agent in the
 *   task decrypts the session's data key with the task role, so the task role needs
 *   `kms:Decrypt` on the key ("IAM permissions required for ECS Exec", Amazon ECS developer
 *   guide), with `logging: NONE` too.
 */
export interface ExecWorld {
  logging: "NONE" | "DEFAULT" | "OVERRIDE";
  cloudWatchLogGroupName?: string;
  cloudWatchEncryptionEnabled?: boolean;
  /** The container's awslogs-group. */
  containerLogGroup: string;
  /** Log groups that exist: name → ARN and KMS key (if any). */
  logGroups: Record<string, { arn: string; kmsKeyId?: string }>;
  /** The cluster's `executeCommandConfiguration.kmsKeyId`, when the channel is encrypted. */
  kmsKeyId?: string;
  /** Whether the task role may call `action` on `resource`. */
  taskRoleAllows: (action: string, resource: string) => boolean;
}

export type SessionOutcome =
  { started: false; reason: string } | { started: true; streamingTo?: string };

/** The outcome of opening one exec session in this world. */
export async function openExecSession(world: ExecWorld): Promise<SessionOutcome> {
  if (world.kmsKeyId !== undefined && !world.taskRoleAllows("kms:Decrypt", world.kmsKeyId)) {
    return { started: false, reason: "the task role may not kms:Decrypt the session data key" };
  }
  if (world.logging === "NONE") return { started: true };
  const groupName =
    world.logging === "OVERRIDE" ? world.cloudWatchLogGroupName : world.containerLogGroup;
  if (groupName === undefined) return { started: true };
  const group = world.logGroups[groupName];
  const found = group !== undefined && world.taskRoleAllows("logs:DescribeLogGroups", "*");
  if (world.cloudWatchEncryptionEnabled && !(found && group.kmsKeyId)) {
    return {
      started: false,
      reason: "encryption is not set up on the selected CloudWatch Logs log group",
    };
  }
  if (!found) return { started: true };
  const [, partition, , region, account] = group.arn.split(":");
  const target = {
    partition,
    region,
    account,
    logGroupName: groupName,
    logStreamName: "ecs-execute-command-session",
  };
  for (const action of ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]) {
    for (const arn of await logsRequestResources(action, target)) {
      if (!world.taskRoleAllows(action, arn)) return { started: true };
    }
  }
  return { started: true, streamingTo: groupName };
}

/**
 * IAM's matching of an `Action` or `Resource` pattern: `*` and `?` wildcards; action names are
 * case-insensitive, resource ARNs case-sensitive ("IAM JSON policy elements: Action/Resource").
 */
export function iamPatternMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, ignoreCase ? "i" : "").test(value);
}

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}

/** Allowed by some Allow statement and by no Deny (conditions are not modelled). */
export function statementsAllow(statements: Statement[], action: string, resource: string) {
  const matches = (s: Statement) =>
    s.Action.some((a) => iamPatternMatches(a, action, true)) &&
    s.Resource.some((r) => iamPatternMatches(r, resource));
  return (
    statements.some((s) => s.Effect === "Allow" && matches(s)) &&
    !statements.some((s) => s.Effect === "Deny" && matches(s))
  );
}
