import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  CommonAccessArgs,
  OperatorSettings,
  readAccessArgs,
  attachWhenGiven,
  ComponentState,
  instanceScope,
  ServiceRequirements,
} from "../../library/componentKit";
import {
  SESSION_MANAGER_ENDPOINT_SERVICES,
  SESSION_MANAGER_FIELDS,
  SESSION_MANAGER_RESOURCE_NAME,
  SessionManagerConfig,
  sessionManagerServiceKeys,
} from "./config";
import { ArnBuilder, AwsContext, lookupAwsContext } from "../../components/awsContext";
import { policyDocument, serviceTrustPolicy } from "../../components/iam";
import { WorkloadContribution } from "../../components/contribution";
import {
  AccessStrategy,
  AccessTarget,
  StrategyOutputs,
  strategyTags,
  withLegacyType,
} from "../accessStrategy";
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

/** Session Manager's settings: the keys of the `fargate-access:sessionManager` stack config section. */
export interface SessionManagerSettings extends OperatorSettings {
  /** The SSM instance tier; only `advanced` reaches hybrid-activated instances. Default: `advanced`. */
  instanceTier?: string;
  /** How long a task may register with the activation it created (1 to 720). Default: `24`. */
  activationExpiryHours?: number;
  /** When the cleanup function sweeps the managed instances of stopped tasks: rate() or cron(). Default: `rate(1 hour)`. */
  cleanupSchedule?: string;
  /** `pulumi destroy` puts the account's tier back to standard. Default: `false`. */
  resetTierOnDestroy?: boolean;
  /** The SNS topic the cleanup alarms notify. Default: none (the alarms show in CloudWatch only). */
  alarmTopicArn?: string;
  /** Reserved concurrency of the cleanup function (1 to 1000). Default: none (unreserved). */
  reservedConcurrency?: number;
  /** `ssm-user` gets passwordless sudo (it can then read the activation role's credentials). Default: `false`. */
  operatorSudo?: boolean;
  /** Scope the agent's heartbeat to this stack's tag. Default: `true`. */
  scopeHeartbeatToStackTag?: boolean;
  /** Also deregister a ConnectionLost instance of a running task after this many silent hours; 0: never. Default: `0`. */
  staleAfterHours?: number;
}

/** Args of {@link SessionManagerAccess}. */
export interface SessionManagerAccessArgs extends SessionManagerSettings, CommonAccessArgs {}

const COMPONENT = "SessionManagerAccess";

/** What `attach` needs from the constructor; kept off the instance, whose fields are its outputs. */
interface SessionManagerState {
  name: string;
  config: SessionManagerConfig;
  context: AwsContext;
  arns: ArnBuilder;
  logRetentionDays: number;
  activationRole: aws.iam.Role;
  recording: SessionRecording;
  stackTag: string;
  scope: string;
  contribution: WorkloadContribution;
}

const STATE = new ComponentState<SessionManagerAccess, SessionManagerState>(COMPONENT);

/**
 * Session Manager through an SSM hybrid activation: each task registers itself as a managed
 * instance (`mi-…`) at start, so operators open recorded shells from the console or `aws ssm
 * start-session`. Creates the activation role, the advanced tier setting and the session
 * recording, and states the entry point and environment the container needs; attaching adds
 * the cleanup function and the operator role. The image must carry the entry point and agent
 * (container/Dockerfile).
 */
export class SessionManagerAccess extends pulumi.ComponentResource implements AccessStrategy {
  /** The role managed instances registered by the tasks get. */
  activationRoleArn?: pulumi.Output<string>;
  /** The function that deregisters the managed instances of stopped tasks. */
  cleanupFunctionName?: pulumi.Output<string>;
  /** A ready-to-paste command: find an Online managed instance of the service, open a recorded shell. */
  startCommand?: pulumi.Output<string>;
  /** The role operators assume for recorded shells on these tasks only; empty when no `operatorPrincipals`. */
  operatorRoleArn?: pulumi.Output<string>;
  /** What the team's service, task definition and task role must change (entry point, environment). */
  requirements?: pulumi.Output<ServiceRequirements>;
  /** The team's `service.containerDefinitions`, patched (entry point, environment, `initProcessEnabled`); only when passed. */
  containerDefinitions?: pulumi.Output<string>;

  constructor(
    name: string,
    args: SessionManagerAccessArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const read = readAccessArgs(COMPONENT, SESSION_MANAGER_FIELDS, args, sessionManagerServiceKeys);
    super("fargate-access:index:SessionManagerAccess", name, {}, withLegacyType(opts, COMPONENT));
    const config = read.config;
    const context = lookupAwsContext({ parent: this });
    const arns = new ArnBuilder(context);
    const tags = strategyTags("sessionManager");
    const scope = instanceScope(name, SESSION_MANAGER_RESOURCE_NAME);
    const stackTag = stackTagValue(pulumi.getProject(), scope);

    const activationRole = new aws.iam.Role(
      `${name}-activation-role`,
      {
        description: "Managed instances registered by this stack's tasks",
        assumeRolePolicy: serviceTrustPolicy(
          "ssm.amazonaws.com",
          context.accountId,
          arns.regional("ssm", "*"),
        ),
        tags,
      },
      { parent: this },
    );
    this.activationRoleArn = activationRole.arn;
    const recording = createSessionRecording(name, this, {
      context,
      arns,
      logRetentionDays: read.logRetentionDays,
      tags,
      scope,
    });
    new aws.iam.RolePolicy(
      `${name}-activation-policy`,
      {
        role: activationRole.id,
        policy: policyDocument(
          activationRoleStatements({
            managedInstancesArn: arns.regional("ssm", "managed-instance/*"),
            stackTagValue: stackTag,
            sessionLogGroupArn: recording.logGroupArn,
            sessionLogStreamsArn: recording.logStreamsArn,
            heartbeatTagCondition: config.scopeHeartbeatToStackTag,
          }),
        ),
      },
      { parent: this },
    );
    new aws.ssm.ServiceSetting(
      `${name}-advanced-tier`,
      {
        settingId: arns.regional("ssm", `servicesetting${ACTIVATION_TIER_SETTING}`),
        settingValue: config.instanceTier,
      },
      // Account-and-region wide: another stack may rely on it, so destroy leaves it unless asked.
      { parent: this, retainOnDelete: !config.resetTierOnDestroy },
    );

    // The image carries its own agent (container/Dockerfile): no execute-command, so no second,
    // ECS-managed agent shares the container.
    const contribution: WorkloadContribution = {
      source: "sessionManager",
      entryPoint: [ENTRYPOINT_PATH],
      endpointServices: [...SESSION_MANAGER_ENDPOINT_SERVICES],
      environment: {
        FA_ACTIVATION_ROLE: activationRole.name,
        FA_ACTIVATION_EXPIRY_HOURS: String(config.activationExpiryHours),
        FA_STACK_TAG: stackTag,
        FA_STACK_TAG_NAME: ACTIVATION_TAG_KEYS.stack,
        FA_CLUSTER_TAG_NAME: ACTIVATION_TAG_KEYS.clusterArn,
        FA_TASK_TAG_NAME: ACTIVATION_TAG_KEYS.taskArn,
        FA_OPERATOR_SUDO: String(config.operatorSudo),
      },
      oneOffEnvironment: { [ONE_OFF_VARIABLE]: "1" },
      // Granted before the service starts (no first-deploy race).
      taskRolePolicy: {
        name: `${name}-task-policy`,
        statements: () =>
          entrypointStatements({ activationRoleArn: activationRole.arn, stackTagValue: stackTag }),
      },
    };
    STATE.set(this, {
      name,
      config,
      context,
      arns,
      logRetentionDays: read.logRetentionDays,
      activationRole,
      recording,
      stackTag,
      scope,
      contribution,
    });

    attachWhenGiven(this, COMPONENT, read.service, context, [contribution]);
  }

  get strategyName(): "sessionManager" {
    return "sessionManager";
  }

  /** What the workload must reference before it exists (the project's program reads it). */
  get contribution(): WorkloadContribution {
    return STATE.get(this).contribution;
  }

  /** Adds the cleanup function and the operator role around a service that now exists. */
  attach(target: AccessTarget): StrategyOutputs {
    const { name, config, context, arns, activationRole, recording, stackTag, scope } =
      STATE.get(this);
    const managedInstancesArn = arns.regional("ssm", "managed-instance/*");

    const cleanup = new SessionCleanupFunction(
      `${name}-cleanup`,
      {
        clusterArn: target.clusterArn,
        clusterName: target.clusterName,
        activationRoleName: activationRole.name,
        stackTagValue: stackTag,
        scope,
        schedule: config.cleanupSchedule,
        staleAfterHours: config.staleAfterHours,
        alarmTopicArn: config.alarmTopicArn,
        reservedConcurrency: config.reservedConcurrency,
        logRetentionDays: STATE.get(this).logRetentionDays,
        arns,
        accountId: context.accountId,
      },
      { parent: this },
    );
    this.cleanupFunctionName = cleanup.function.name;

    this.operatorRoleArn = createOperatorRole(this, name, {
      strategy: "sessionManager",
      principals: config.operatorPrincipals,
      identity: {
        requireSourceIdentity: config.requireSourceIdentity,
        requireMfa: config.requireMfa,
      },
      description: "Operators: recorded Session Manager shells on this stack's tasks only",
      statements: sessionOperatorStatements({
        stackTagValue: stackTag,
        managedInstancesArn,
        sessionDocumentArn: arns.regional("ssm", `document/${recording.documentName}`),
        sessionsArn: arns.regional("ssm", "session/*"),
        runShellScriptArn: arns.awsOwnedSsmDocument("AWS-RunShellScript"),
      }),
    });
    this.startCommand = startSessionCommand({
      stackTag,
      region: context.region,
      documentName: recording.document.name,
      logGroupName: recording.logGroupName,
    });

    const outputs = {
      sessionManagerActivationRoleArn: activationRole.arn,
      sessionManagerCleanupFunctionName: this.cleanupFunctionName,
      sessionManagerStartCommand: this.startCommand,
      sessionManagerOperatorRoleArn: this.operatorRoleArn,
    };
    this.registerOutputs({
      ...outputs,
      requirements: this.requirements,
      containerDefinitions: this.containerDefinitions,
    });
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
