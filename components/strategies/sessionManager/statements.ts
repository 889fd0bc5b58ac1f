import * as pulumi from "@pulumi/pulumi";
import { ALL_RESOURCES, PolicyStatement, allow } from "../../../lib/iam";
import { taskRoleChannelStatements } from "../ecsExec/statements";
import { ACTIVATION_TAG_KEYS } from "./activationTags";

/** Only this stack's instances: the stack tag SSM copied from the activation. */
function ofThisStack(stackTagValue: string) {
  return { StringEquals: { [`ssm:resourceTag/${ACTIVATION_TAG_KEYS.stack}`]: stackTagValue } };
}

export interface EntrypointStatementsArgs {
  activationRoleArn: pulumi.Input<string>;
  stackTagValue: string;
}

/**
 * What the container's entry point needs: create one tagged activation for the activation role,
 * delete it once registered. `ssm:CreateActivation` and `ssm:DeleteActivation` take no resource
 * ARNs (IAM's service reference), so `*` is the only resource; CreateActivation is narrowed by
 * the tags it must carry. The channel actions are there because the strategy turns on
 * `enableExecuteCommand` (that is how Fargate mounts the agent binaries into the task), and
 * ECS's own agent then opens its channels with the task role.
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
    allow("DeleteOwnActivation", ["ssm:DeleteActivation"], [ALL_RESOURCES]),
    ...taskRoleChannelStatements(),
  ];
}

export interface CleanupStatementsArgs {
  stackTagValue: string;
  /** `arn:…:managed-instance/*`. */
  managedInstancesArn: pulumi.Input<string>;
  logGroupArn: pulumi.Input<string>;
  deadLetterQueueArn: pulumi.Input<string>;
}

/** The cleanup function: find, deregister and delete this stack's leftovers; log; dead-letter. */
export function cleanupStatements(args: CleanupStatementsArgs): PolicyStatement[] {
  return [
    allow(
      "FindInstancesAndActivations",
      ["ssm:DescribeActivations", "ssm:DescribeInstanceInformation"],
      [ALL_RESOURCES],
    ),
    allow(
      "DeregisterThisStacksInstances",
      ["ssm:DeregisterManagedInstance"],
      [args.managedInstancesArn],
      ofThisStack(args.stackTagValue),
    ),
    allow("DeleteActivations", ["ssm:DeleteActivation"], [ALL_RESOURCES]),
    allow(
      "WriteOwnLogs",
      ["logs:CreateLogStream", "logs:PutLogEvents"],
      [pulumi.interpolate`${args.logGroupArn}:log-stream:*`],
    ),
    allow("DeadLetter", ["sqs:SendMessage"], [args.deadLetterQueueArn]),
  ];
}

export interface SessionOperatorArgs {
  stackTagValue: string;
  managedInstancesArn: pulumi.Input<string>;
  /** The Session Manager shell document, `arn:…:document/SSM-SessionManagerRunShell`. */
  shellDocumentArn: pulumi.Input<string>;
  /** `arn:…:session/${aws:userid}-*`: the operator's own sessions. */
  ownSessionsArn: pulumi.Input<string>;
  /** The AWS-owned Run Command document `AWS-RunShellScript`. */
  runShellScriptArn: pulumi.Input<string>;
}

/**
 * An operator may open shells on, and run shell commands with Run Command against, this stack's
 * managed instances only, and end their own sessions.
 */
export function sessionOperatorStatements(args: SessionOperatorArgs): PolicyStatement[] {
  return [
    allow(
      "SessionsAndCommandsOnThisStack",
      ["ssm:SendCommand", "ssm:StartSession"],
      [args.managedInstancesArn],
      {
        ...ofThisStack(args.stackTagValue),
        // The session document must pass its own permission check too.
        BoolIfExists: { "ssm:SessionDocumentAccessCheck": "true" },
      },
    ),
    allow("StartShellDocument", ["ssm:StartSession"], [args.shellDocumentArn]),
    allow("RunShellScriptDocument", ["ssm:SendCommand"], [args.runShellScriptArn]),
    allow("EndOwnSessions", ["ssm:ResumeSession", "ssm:TerminateSession"], [args.ownSessionsArn]),
    allow(
      "FindInstancesSessionsAndResults",
      [
        "ssm:DescribeInstanceInformation",
        "ssm:DescribeSessions",
        "ssm:GetCommandInvocation",
        "ssm:ListCommandInvocations",
      ],
      [ALL_RESOURCES],
    ),
  ];
}
