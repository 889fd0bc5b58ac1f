import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SessionManagerConfig } from "./config";
import { ArnBuilder, AwsContext } from "../../components/awsContext";
import { policyDocument, serviceTrustPolicy } from "../../components/iam";
import { WorkloadContribution } from "../../components/contribution";
import { AccessStrategy, AccessTarget, StrategyOutputs, strategyTags } from "../accessStrategy";
import { createOperatorRole } from "../operatorRole";
import {
  ACTIVATION_TAG_KEYS,
  ACTIVATION_TIER_SETTING,
  stackTagValue,
} from "../../lib/activationTags";
import { SessionCleanupFunction } from "./cleanupFunction";
import { SessionRecording, createSessionRecording } from "./sessionRecording";
import {
  activationRoleStatements,
  entrypointStatements,
  sessionOperatorStatements,
} from "./statements";

/** Where `container/Dockerfile` installs `container/entrypoint.sh`. */
const ENTRYPOINT_PATH = "/usr/local/bin/fargate-access-entrypoint";

/**
 * The entry point's one-off switch: with `FA_ONE_OFF=1` it skips registration and just runs the
 * command. Every one-off run (the Step Functions run-task) sets it, so it neither fails for lack
 * of its service's setup nor leaves a managed instance behind.
 */
const ONE_OFF_VARIABLE = "FA_ONE_OFF";

export interface SessionManagerAccessArgs {
  /** `fargate-access:sessionManager`, validated and defaulted. */
  config: SessionManagerConfig;
  /** The account, region and partition the stack deploys to. */
  context: AwsContext;
  /** Days to keep session transcripts and the cleanup function's logs (`logRetentionDays`). */
  logRetentionDays: number;
  /** The bundled cleanup handler; default: bundled from source with esbuild. */
  cleanupCode?: string;
}

/**
 * Session Manager through an SSM hybrid activation: each task registers itself as a managed
 * instance (`mi-…`) at start, so operators open shells from the console or `aws ssm
 * start-session`. Before the workload exists it creates the activation role and the tier setting
 * and states the entry point and environment the container needs; `attach` adds the task-role
 * permissions, the cleanup function and the operator role.
 */
export class SessionManagerAccess extends pulumi.ComponentResource implements AccessStrategy {
  readonly strategyName = "sessionManager" as const;
  readonly contribution: WorkloadContribution;
  readonly activationRole: aws.iam.Role;
  readonly recording: SessionRecording;
  private readonly args: SessionManagerAccessArgs;
  private readonly arns: ArnBuilder;
  private readonly name: string;
  private readonly stackTag = stackTagValue(pulumi.getProject(), pulumi.getStack());

  constructor(
    name: string,
    args: SessionManagerAccessArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("fargate-access:strategies:SessionManagerAccess", name, {}, opts);
    this.name = name;
    this.args = args;
    this.arns = new ArnBuilder(args.context);
    const tags = strategyTags(this.strategyName);

    this.activationRole = new aws.iam.Role(
      `${name}-activation-role`,
      {
        description: "Managed instances registered by this stack's tasks",
        assumeRolePolicy: serviceTrustPolicy(
          "ssm.amazonaws.com",
          args.context.accountId,
          this.arns.regional("ssm", "*"),
        ),
        tags,
      },
      { parent: this },
    );
    this.recording = createSessionRecording(name, this, {
      context: args.context,
      arns: this.arns,
      logRetentionDays: args.logRetentionDays,
      tags,
    });
    new aws.iam.RolePolicy(
      `${name}-activation-policy`,
      {
        role: this.activationRole.id,
        policy: policyDocument(
          activationRoleStatements({
            managedInstancesArn: this.arns.regional("ssm", "managed-instance/*"),
            stackTagValue: this.stackTag,
            sessionLogGroupArn: this.recording.logGroupArn,
            sessionLogStreamsArn: this.recording.logStreamsArn,
            heartbeatTagCondition: args.config.scopeHeartbeatToStackTag,
          }),
        ),
      },
      { parent: this },
    );
    new aws.ssm.ServiceSetting(
      `${name}-advanced-tier`,
      {
        settingId: this.arns.regional("ssm", `servicesetting${ACTIVATION_TIER_SETTING}`),
        settingValue: args.config.instanceTier,
      },
      // Account-and-region wide: another stack may rely on it, so destroy leaves it unless asked.
      { parent: this, retainOnDelete: !args.config.resetTierOnDestroy },
    );

    // The image carries its own agent (container/Dockerfile): no execute-command, so no second,
    // ECS-managed agent shares the container.
    this.contribution = {
      source: this.strategyName,
      entryPoint: [ENTRYPOINT_PATH],
      environment: {
        FA_ACTIVATION_ROLE: this.activationRole.name,
        FA_ACTIVATION_EXPIRY_HOURS: String(args.config.activationExpiryHours),
        FA_STACK_TAG: this.stackTag,
        FA_STACK_TAG_NAME: ACTIVATION_TAG_KEYS.stack,
        FA_CLUSTER_TAG_NAME: ACTIVATION_TAG_KEYS.clusterArn,
        FA_TASK_TAG_NAME: ACTIVATION_TAG_KEYS.taskArn,
        FA_OPERATOR_SUDO: String(args.config.operatorSudo),
      },
      oneOffEnvironment: { [ONE_OFF_VARIABLE]: "1" },
      // Granted by the workload before its service starts (no first-deploy race).
      taskRolePolicy: {
        name: `${name}-task-policy`,
        statements: () =>
          entrypointStatements({
            activationRoleArn: this.activationRole.arn,
            stackTagValue: this.stackTag,
          }),
      },
    };
  }

  attach(target: AccessTarget): StrategyOutputs {
    const context = this.args.context;
    const managedInstancesArn = this.arns.regional("ssm", "managed-instance/*");

    const cleanup = new SessionCleanupFunction(
      `${this.name}-cleanup`,
      {
        clusterArn: target.clusterArn,
        clusterName: target.clusterName,
        activationRoleName: this.activationRole.name,
        stackTagValue: this.stackTag,
        schedule: this.args.config.cleanupSchedule,
        staleAfterHours: this.args.config.staleAfterHours,
        alarmTopicArn: this.args.config.alarmTopicArn,
        reservedConcurrency: this.args.config.reservedConcurrency,
        logRetentionDays: this.args.logRetentionDays,
        arns: this.arns,
        accountId: context.accountId,
        code: this.args.cleanupCode,
      },
      { parent: this },
    );

    const operatorRoleArn = createOperatorRole(this, this.name, {
      strategy: this.strategyName,
      principals: this.args.config.operatorPrincipals,
      identity: {
        requireSourceIdentity: this.args.config.requireSourceIdentity,
        requireMfa: this.args.config.requireMfa,
      },
      description: "Operators: recorded Session Manager shells on this stack's tasks only",
      statements: sessionOperatorStatements({
        stackTagValue: this.stackTag,
        managedInstancesArn,
        sessionDocumentArn: this.arns.regional("ssm", `document/${this.recording.documentName}`),
        sessionsArn: this.arns.regional("ssm", "session/*"),
        runShellScriptArn: this.arns.awsOwnedSsmDocument("AWS-RunShellScript"),
      }),
    });

    const outputs = {
      sessionManagerActivationRoleArn: this.activationRole.arn,
      sessionManagerCleanupFunctionName: cleanup.function.name,
      sessionManagerStartCommand: startSessionCommand({
        stackTag: this.stackTag,
        region: context.region,
        documentName: this.recording.document.name,
        logGroupName: this.recording.logGroupName,
      }),
      sessionManagerOperatorRoleArn: operatorRoleArn,
    };
    this.registerOutputs(outputs);
    return outputs;
  }
}

export interface StartSessionCommandArgs {
  /** This stack's value of the stack tag: the command finds its instances by it. */
  stackTag: string;
  /** The stack's region. */
  region: pulumi.Input<string>;
  /** The stack's logged Session document: the only one the operator role may start with. */
  documentName: pulumi.Input<string>;
  /** Where Run Command output goes too. */
  logGroupName: string;
}

/**
 * Ready-to-paste commands: find this stack's online managed instance and open a recorded shell
 * on it; or run one shell command on it with Run Command. DescribeInstanceInformation rejects a
 * tag filter mixed with another filter type, so the one tag filter stays and `--query` picks the
 * Online instances. Its pages hold 10 by default (MaxResults 5 to 50), and with `--output text`
 * the CLI applies `--query` to each page separately and prints one answer per page (aws-cli
 * awscli/formatter.py, TextFormatter), so `[0]` would print a line per page. With `--output
 * json` the CLI joins every page first (`build_full_result()`, FullyBufferedFormatter), then
 * queries once: one JSON string, whose quotes `tr` drops (`null` when none is Online).
 */
function startSessionCommand(args: StartSessionCommandArgs): pulumi.Output<string> {
  const { region } = args;
  const findInstance = pulumi.interpolate`INSTANCE_ID=$(aws ssm describe-instance-information --region ${region} --filters "Key=tag:${ACTIVATION_TAG_KEYS.stack},Values=${args.stackTag}" --query "InstanceInformationList[?PingStatus=='Online'] | [0].InstanceId" --output json | tr -d '"')`;
  const noneOnline = `[ "$INSTANCE_ID" != null ] || { echo "no managed instance of ${args.stackTag} is Online; see npm run doctor" >&2; false; }`;
  return pulumi.interpolate`${findInstance} && ${noneOnline} && aws ssm start-session --region ${region} --target "$INSTANCE_ID" --document-name ${args.documentName}   # or, to run one command: ${findInstance} && ${noneOnline} && aws ssm send-command --region ${region} --instance-ids "$INSTANCE_ID" --document-name AWS-RunShellScript --parameters 'commands=["crontab -l"]' --cloudwatch-output-config CloudWatchOutputEnabled=true,CloudWatchLogGroupName=${args.logGroupName} --query Command.CommandId --output text`;
}
