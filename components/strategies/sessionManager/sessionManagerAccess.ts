import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SessionManagerConfig } from "../../../config/types";
import { ArnBuilder, AwsContext } from "../../../lib/awsContext";
import { serviceTrustPolicy } from "../../../lib/iam";
import { WorkloadContribution } from "../../contribution";
import { strategyEndpointServices } from "../endpointServices";
import {
  AccessStrategy,
  AccessTarget,
  StrategyOutputs,
  createOperatorRole,
  strategyTags,
} from "../strategy";
import { ACTIVATION_TAG_KEYS, ACTIVATION_TIER_SETTING, stackTagValue } from "./activationTags";
import { SessionCleanupFunction } from "./cleanupFunction";
import { entrypointStatements, sessionOperatorStatements } from "./statements";

/** Where `container/Dockerfile` installs `container/entrypoint.sh`. */
export const ENTRYPOINT_PATH = "/usr/local/bin/fargate-access-entrypoint";

export interface SessionManagerAccessArgs {
  config: SessionManagerConfig;
  context: AwsContext;
  /** Days to keep the cleanup function's logs. */
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
    new aws.iam.RolePolicyAttachment(
      `${name}-activation-core`,
      {
        role: this.activationRole.name,
        policyArn: this.arns.managedPolicy("AmazonSSMManagedInstanceCore"),
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

    this.contribution = {
      source: this.strategyName,
      // Fargate mounts the agent binaries at /managed-agents/execute-command/ only then.
      enableExecuteCommand: true,
      entryPoint: [ENTRYPOINT_PATH],
      environment: {
        FA_ACTIVATION_ROLE: this.activationRole.name,
        FA_ACTIVATION_EXPIRY_HOURS: String(args.config.activationExpiryHours),
        FA_STACK_TAG: this.stackTag,
        FA_STACK_TAG_NAME: ACTIVATION_TAG_KEYS.stack,
        FA_CLUSTER_TAG_NAME: ACTIVATION_TAG_KEYS.clusterArn,
        FA_TASK_TAG_NAME: ACTIVATION_TAG_KEYS.taskArn,
      },
      endpointServices: strategyEndpointServices(this.strategyName),
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
    const { workload, context } = target;
    const managedInstancesArn = this.arns.regional("ssm", "managed-instance/*");

    const cleanup = new SessionCleanupFunction(
      `${this.name}-cleanup`,
      {
        clusterArn: workload.cluster.arn,
        activationRoleName: this.activationRole.name,
        stackTagValue: this.stackTag,
        schedule: this.args.config.cleanupSchedule,
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
      description: "Operators: Session Manager shells on this stack's tasks only",
      statements: sessionOperatorStatements({
        stackTagValue: this.stackTag,
        managedInstancesArn,
        shellDocumentArn: this.arns.regional("ssm", "document/SSM-SessionManagerRunShell"),
        ownSessionsArn: this.arns.regional("ssm", "session/${aws:userid}-*"),
        runShellScriptArn: this.arns.awsOwnedSsmDocument("AWS-RunShellScript"),
      }),
    });

    const outputs = {
      sessionManagerActivationRoleArn: this.activationRole.arn,
      sessionManagerCleanupFunctionName: cleanup.function.name,
      sessionManagerStartCommand: startSessionCommand(this.stackTag, context.region),
      sessionManagerOperatorRoleArn: operatorRoleArn,
    };
    this.registerOutputs(outputs);
    return outputs;
  }
}

/**
 * Ready-to-paste commands: find this stack's online managed instance and open a shell on it; or,
 * without a session, run one shell command on it with Run Command (`AWS-RunShellScript`).
 */
export function startSessionCommand(
  stackTag: string,
  region: pulumi.Input<string>,
): pulumi.Output<string> {
  const findInstance = pulumi.interpolate`INSTANCE_ID=$(aws ssm describe-instance-information --region ${region} --filters "Key=tag:${ACTIVATION_TAG_KEYS.stack},Values=${stackTag}" "Key=PingStatus,Values=Online" --query 'InstanceInformationList[0].InstanceId' --output text)`;
  return pulumi.interpolate`${findInstance} && aws ssm start-session --region ${region} --target "$INSTANCE_ID"   # or, to run one command: ${findInstance} && aws ssm send-command --region ${region} --instance-ids "$INSTANCE_ID" --document-name AWS-RunShellScript --parameters 'commands=["crontab -l"]' --query Command.CommandId --output text`;
}
