import * as pulumi from "@pulumi/pulumi";
import { ALL_RESOURCES, PolicyStatement, allow, deny } from "../../components/iam";
import { SSM_CHANNEL_ACTIONS } from "../../lib/ecsExecChannels";

export { SSM_CHANNEL_ACTIONS };

/** ssmmessages actions support no resource-level permissions, so `*` is the only choice. */
function taskRoleChannelStatements(): PolicyStatement[] {
  return [allow("SessionChannels", SSM_CHANNEL_ACTIONS, [ALL_RESOURCES])];
}

export interface ExecTaskRoleArgs {
  /**
   * The log group sessions are streamed to: our own (`logging: override`) or the container's
   * awslogs group (`logging: default`); unset when sessions are not logged.
   */
  logGroupArn?: pulumi.Input<string>;
  /** Set when sessions are encrypted with a KMS key. */
  kmsKeyArn?: pulumi.Input<string>;
}

/** Everything the task role needs for ECS Exec, given the logging and key settings. */
export function execTaskRoleStatements(args: ExecTaskRoleArgs): PolicyStatement[] {
  const statements = taskRoleChannelStatements();
  if (args.logGroupArn !== undefined) {
    // What the agent calls to stream a session (AWS's ECS Exec task-role policy lists the same
    // four; amazon-ssm-agent cloudwatchlogs_service.go): without DescribeLogGroups it silently
    // stops streaming. DescribeLogGroups has no resource-level permissions; DescribeLogStreams
    // is authorized on the group's ARN with a trailing `:*` (CloudWatch Logs user guide,
    // "Overview of managing access permissions"); the writes on its streams only. Nothing that
    // deletes or rewrites: the task role is the workload's own, so whoever runs in the container
    // can add to the session log, never take from it.
    statements.push(
      allow("FindSessionLogGroup", ["logs:DescribeLogGroups"], [ALL_RESOURCES]),
      allow(
        "FindSessionLogStreams",
        ["logs:DescribeLogStreams"],
        [pulumi.interpolate`${args.logGroupArn}:*`],
      ),
      allow(
        "WriteSessionLogs",
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [pulumi.interpolate`${args.logGroupArn}:log-stream:*`],
      ),
    );
  }
  if (args.kmsKeyArn !== undefined) {
    statements.push(allow("DecryptSessionData", ["kms:Decrypt"], [args.kmsKeyArn]));
  }
  return statements;
}

export interface OperatorArgs {
  /** The workload's cluster: the only one operators may exec into. */
  clusterArn: pulumi.Input<string>;
  /** `arn:…:task/CLUSTER/*`. */
  clusterTasksArn: pulumi.Input<string>;
  /** `arn:…:task/*`: every ECS task in the account and region. */
  anyTaskArn: pulumi.Input<string>;
  /** The container operators may exec into. */
  containerName: string;
  /** The exec session key, when sessions are encrypted (`kmsKey` not `none`). */
  kmsKeyArn?: pulumi.Input<string>;
}

/**
 * An operator may exec into this cluster's container and nothing else, and may not open a raw
 * SSM session to a task (which would skip the `ecs:container-name` condition).
 */
export function operatorStatements(args: OperatorArgs): PolicyStatement[] {
  const inCluster = { ArnEquals: { "ecs:cluster": args.clusterArn } };
  const statements = [
    allow("ExecIntoContainer", ["ecs:ExecuteCommand"], [args.clusterArn, args.clusterTasksArn], {
      ...inCluster,
      StringEquals: { "ecs:container-name": args.containerName },
    }),
    allow("DescribeClusterTasks", ["ecs:DescribeTasks"], [args.clusterTasksArn], inCluster),
    // ListTasks is authorised against container instances, which Fargate has none of; the
    // ecs:cluster condition is what scopes it.
    allow("ListClusterTasks", ["ecs:ListTasks"], [ALL_RESOURCES], inCluster),
    deny("NoDirectSessionToTasks", ["ssm:StartSession"], [args.anyTaskArn]),
  ];
  if (args.kmsKeyArn !== undefined) {
    statements.splice(3, 0, allow("EncryptSessionData", ["kms:GenerateDataKey"], [args.kmsKeyArn]));
  }
  return statements;
}
