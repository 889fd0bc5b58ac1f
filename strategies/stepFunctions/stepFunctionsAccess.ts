import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StepFunctionsConfig } from "./config";
import { ArnBuilder, AwsContext } from "../../components/awsContext";
import {
  NAME_RULES,
  physicalName,
  roleNamePrefix,
  stackResourceName,
} from "../../lib/physicalName";
import { policyDocument, serviceTrustPolicy } from "../../components/iam";
import { WorkloadContribution } from "../../components/contribution";
import { AccessStrategy, AccessTarget, StrategyOutputs, strategyTags } from "../accessStrategy";
import { createOperatorRole } from "../operatorRole";
import { buildRunTaskDefinition } from "./definition";
import {
  ECS_SYNC_RULE,
  stateMachineRoleStatements,
  stepFunctionsOperatorStatements,
} from "./statements";

export interface StepFunctionsAccessArgs {
  /** `fargate-access:stepFunctions`, validated and defaulted. */
  config: StepFunctionsConfig;
  /** The account, region and partition the stack deploys to. */
  context: AwsContext;
  /** Days to keep the state machine's execution logs (`logRetentionDays`). */
  logRetentionDays: number;
}

/**
 * Step Functions: a state machine that runs a new task from the workload's task definition with
 * the operator's command, waits for it, and fails when the container exits non-zero.
 */
export class StepFunctionsAccess extends pulumi.ComponentResource implements AccessStrategy {
  readonly strategyName = "stepFunctions" as const;
  readonly contribution: WorkloadContribution = { source: "stepFunctions" };
  private readonly name: string;
  private readonly args: StepFunctionsAccessArgs;

  constructor(name: string, args: StepFunctionsAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fargate-access:strategies:StepFunctionsAccess", name, {}, opts);
    this.name = name;
    this.args = args;
  }

  attach(target: AccessTarget): StrategyOutputs {
    const { config, context, logRetentionDays } = this.args;
    const arns = new ArnBuilder(context);
    const tags = strategyTags(this.strategyName);

    const role = new aws.iam.Role(
      `${this.name}-role`,
      {
        namePrefix: roleNamePrefix(pulumi.getProject(), pulumi.getStack(), "sfn"),
        description: "State machine: run the workload's task definition on its cluster",
        assumeRolePolicy: serviceTrustPolicy(
          "states.amazonaws.com",
          context.accountId,
          arns.regional("states", "stateMachine:*"),
        ),
        tags,
      },
      { parent: this },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${this.name}-role-policy`,
      {
        role: role.id,
        policy: policyDocument(
          stateMachineRoleStatements({
            clusterArn: target.clusterArn,
            taskDefinitionFamilyArn: arns.ecsTaskDefinitionFamily(target.taskDefinitionFamily),
            clusterTasksArn: arns.ecsTasksOf(target.clusterName),
            taskRoleArn: target.taskRoleArn,
            executionRoleArn: target.executionRoleArn,
            eventsRuleArn: arns.eventsRule(ECS_SYNC_RULE),
          }),
        ),
      },
      { parent: this },
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${this.name}-logs`,
      {
        name: physicalName(
          [`/aws/vendedlogs/states/${pulumi.getProject()}-${pulumi.getStack()}`],
          NAME_RULES.logGroup,
        ),
        retentionInDays: logRetentionDays,
        tags,
      },
      { parent: this },
    );

    const definition = pulumi
      .all([
        target.clusterArn,
        target.taskDefinitionFamily,
        target.subnetIds,
        target.securityGroupId,
      ])
      .apply(([clusterArn, family, subnetIds, securityGroupId]) =>
        JSON.stringify(
          buildRunTaskDefinition({
            clusterArn,
            taskDefinitionFamily: family,
            containerName: target.containerName,
            subnetIds,
            securityGroupIds: [securityGroupId],
            capacityProvider: target.capacityProvider,
            timeoutSeconds: config.timeoutSeconds,
            allowedCommands: config.allowedCommands,
            runEnvironment: Object.entries(target.oneOffEnvironment).map(([Name, Value]) => ({
              Name,
              Value,
            })),
          }),
        ),
      );

    const stateMachine = new aws.sfn.StateMachine(
      `${this.name}-state-machine`,
      {
        name: stackResourceName(pulumi.getProject(), pulumi.getStack(), NAME_RULES.stateMachine),
        type: "STANDARD",
        roleArn: role.arn,
        definition,
        loggingConfiguration: {
          level: "ALL",
          includeExecutionData: config.includeExecutionData,
          logDestination: pulumi.interpolate`${logGroup.arn}:*`,
        },
        tracingConfiguration: { enabled: true },
        tags,
      },
      // Named: a replacement must delete the old machine before creating its successor.
      { parent: this, dependsOn: [rolePolicy], deleteBeforeReplace: true },
    );

    const operatorRoleArn = createOperatorRole(this, this.name, {
      strategy: this.strategyName,
      principals: config.operatorPrincipals,
      identity: {
        requireSourceIdentity: config.requireSourceIdentity,
        requireMfa: config.requireMfa,
      },
      description: "Operators: start and follow runs of this stack's state machine only",
      statements: stepFunctionsOperatorStatements(
        stateMachine.arn,
        arns.regional("states", pulumi.interpolate`execution:${stateMachine.name}:*`),
        arns.logStreams(target.containerLogGroupName),
      ),
    });

    const outputs = {
      stepFunctionsStateMachineArn: stateMachine.arn,
      stepFunctionsStartCommand: startExecutionCommand(stateMachine.arn, context.region),
      stepFunctionsOperatorRoleArn: operatorRoleArn,
    };
    this.registerOutputs(outputs);
    return outputs;
  }
}

/** Start a run, wait for it to finish, and print its status, output or error. */
export function startExecutionCommand(
  stateMachineArn: pulumi.Input<string>,
  region: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi.interpolate`EXECUTION=$(aws stepfunctions start-execution --region ${region} --state-machine-arn ${stateMachineArn} --input '{"commands":["sh","-c","echo replace me with your batch command"]}' --query executionArn --output text) && while [ "$(aws stepfunctions describe-execution --region ${region} --execution-arn "$EXECUTION" --query status --output text)" = RUNNING ]; do sleep 10; done && aws stepfunctions describe-execution --region ${region} --execution-arn "$EXECUTION" --query '{status: status, output: output, error: error, cause: cause}'`;
}
