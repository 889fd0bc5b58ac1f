import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArnBuilder, AwsContext } from "../../components/awsContext";
import { execKeyPolicy } from "../ecsExec/keyPolicy";
import { sessionDocumentName, stackTagValue } from "../../lib/activationTags";
import { sessionLogGroupName } from "./logGroupName";

/** How long an idle session stays open, and the longest a session may last (minutes). */
const IDLE_SESSION_MINUTES = 20;
const MAX_SESSION_MINUTES = 60;

export interface SessionRecordingArgs {
  /** The account, region and partition the stack deploys to (the key policy names them). */
  context: AwsContext;
  /** ARNs in this account and region. */
  arns: ArnBuilder;
  /** Days to keep session transcripts; the stack's `logRetentionDays`. */
  logRetentionDays: number;
  /** The strategy's tags, on the key and the log group. */
  tags: Record<string, string>;
  /** What the names are scoped by: the stack, or the stack and component (library/instanceScope.ts). */
  scope: string;
}

/** The stack's Session document and where it writes transcripts. */
export interface SessionRecording {
  document: aws.ssm.Document;
  documentName: string;
  logGroupName: string;
  logGroupArn: pulumi.Output<string>;
  logStreamsArn: pulumi.Output<string>;
}

/**
 * The content of a `Standard_Stream` Session document (Session Manager guide, "Session document
 * schema"): stream every session's input and output to the log group, which must be
 * KMS-encrypted (the agent refuses to start the session otherwise: agent/session/shell/shell.go
 * `validate`, CloudWatchEncryptionErrorMsg), and close idle or long sessions.
 */
function sessionDocumentContent(logGroupName: string): Record<string, unknown> {
  return {
    schemaVersion: "1.0",
    description: "fargate-access: shells on this stack's tasks, recorded to CloudWatch Logs",
    sessionType: "Standard_Stream",
    inputs: {
      s3BucketName: "",
      s3KeyPrefix: "",
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: logGroupName,
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      idleSessionTimeout: String(IDLE_SESSION_MINUTES),
      maxSessionDuration: String(MAX_SESSION_MINUTES),
      runAsEnabled: false,
      shellProfile: { linux: "", windows: "" },
    },
  };
}

/**
 * A KMS key, the encrypted transcript log group (with the stack's retention) and the Session
 * document that sends every session there. Operators may start sessions only with this document.
 */
export function createSessionRecording(
  name: string,
  parent: pulumi.Resource,
  args: SessionRecordingArgs,
): SessionRecording {
  const logGroupName = sessionLogGroupName(pulumi.getProject(), args.scope);
  const logGroupArn = args.arns.logGroup(logGroupName);
  const key = new aws.kms.Key(
    `${name}-session-key`,
    {
      description: `Session Manager transcripts of ${pulumi.getProject()}/${args.scope}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: execKeyPolicy(args.context, logGroupArn),
      tags: args.tags,
    },
    { parent },
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-session-logs`,
    {
      name: logGroupName,
      retentionInDays: args.logRetentionDays,
      kmsKeyId: key.arn,
      tags: args.tags,
    },
    { parent },
  );
  const documentName = sessionDocumentName(stackTagValue(pulumi.getProject(), args.scope));
  const document = new aws.ssm.Document(
    `${name}-session-document`,
    {
      name: documentName,
      documentType: "Session",
      documentFormat: "JSON",
      content: JSON.stringify(sessionDocumentContent(logGroupName)),
      tags: args.tags,
    },
    { parent, dependsOn: [logGroup] },
  );
  return {
    document,
    documentName,
    logGroupName,
    logGroupArn,
    logStreamsArn: args.arns.logStreams(logGroupName),
  };
}
