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
  STEP_FUNCTIONS_FIELDS,
  STEP_FUNCTIONS_RESOURCE_NAME,
  StepFunctionsConfig,
  stepFunctionsServiceKeys,
} from "./config";
import { ArnBuilder, AwsContext, lookupAwsContext } from "../../components/awsContext";
import {
  NAME_RULES,
  physicalName,
  roleNamePrefix,
  stackResourceName,
} from "../../lib/physicalName";
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
import { buildRunTaskDefinition } from "./definition";
import {
  ECS_SYNC_RULE,
  stateMachineRoleStatements,
  stepFunctionsOperatorStatements,
} from "./statements";

/** Step Functions' settings: the keys of the `fargate-access:stepFunctions` stack config section. */
export interface StepFunctionsSettings extends OperatorSettings {
  /** The run-task's timeout in seconds (60 to 86400). Default: `3600`. */
  timeoutSeconds?: number;
  /** Log the commands that ran; `false` where inputs may hold secrets. Default: `true`. */
  includeExecutionData?: boolean;
  /** Argv patterns the state machine allows, e.g. [["php", "artisan", "batch:*"]]; empty: any command. Default: none. */
  allowedCommands?: string[][];
}

/** Args of {@link StepFunctionsAccess}. */
export interface StepFunctionsAccessArgs extends StepFunctionsSettings, CommonAccessArgs {}

const COMPONENT = "StepFunctionsAccess";

/** What `attach` needs from the constructor; kept off the instance, whose fields are its outputs. */
interface StepFunctionsState {
  name: string;
  config: StepFunctionsConfig;
  context: AwsContext;
  logRetentionDays: number;
}

const STATE = new ComponentState<StepFunctionsAccess, StepFunctionsState>(COMPONENT);

/**
 * Step Functions: a state machine that runs a new task from the service's task definition with
 * the operator's command, waits for it, and fails when the container exits non-zero. It changes
 * nothing in the service; one-off runs start in its subnets with its security group.
 */
export class StepFunctionsAccess extends pulumi.ComponentResource implements AccessStrategy {
  /** The state machine operators start. */
  stateMachineArn?: pulumi.Output<string>;
  /** A ready-to-paste command: start a run, wait for it, print its status and output. */
  startCommand?: pulumi.Output<string>;
  /** The role operators assume to start and follow runs of this state machine only; empty when no `operatorPrincipals`. */
  operatorRoleArn?: pulumi.Output<string>;
  /** What the team's service and task definition must change (nothing but `initProcessEnabled`, which the pack requires). */
  requirements?: pulumi.Output<ServiceRequirements>;
  /** The team's `service.containerDefinitions`, patched (`initProcessEnabled`); only when passed. */
  containerDefinitions?: pulumi.Output<string>;

  constructor(name: string, args: StepFunctionsAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const read = readAccessArgs(COMPONENT, STEP_FUNCTIONS_FIELDS, args, stepFunctionsServiceKeys);
    super("fargate-access:index:StepFunctionsAccess", name, {}, withLegacyType(opts, COMPONENT));
    const context = lookupAwsContext({ parent: this });
    STATE.set(this, {
      name,
      config: read.config,
      context,
      logRetentionDays: read.logRetentionDays,
    });
    attachWhenGiven(this, COMPONENT, read.service, context, [this.contribution]);
  }

  get strategyName(): "stepFunctions" {
    return "stepFunctions";
  }

  /** Nothing: one-off runs need no change to the service. */
  get contribution(): WorkloadContribution {
    return { source: "stepFunctions" };
  }

  /** Creates the state machine, its role and logs, and the operator role. */
  attach(target: AccessTarget): StrategyOutputs {
    const { name, config, context, logRetentionDays } = STATE.get(this);
    const arns = new ArnBuilder(context);
    const tags = strategyTags("stepFunctions");
    const scope = instanceScope(name, STEP_FUNCTIONS_RESOURCE_NAME);

    const role = new aws.iam.Role(
      `${name}-role`,
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
      `${name}-role-policy`,
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
      `${name}-logs`,
      {
        name: physicalName(
          [`/aws/vendedlogs/states/${pulumi.getProject()}-${scope}`],
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
      `${name}-state-machine`,
      {
        name: stackResourceName(pulumi.getProject(), scope, NAME_RULES.stateMachine),
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

    const operatorRoleArn = createOperatorRole(this, name, {
      strategy: "stepFunctions",
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

    this.stateMachineArn = stateMachine.arn;
    this.startCommand = startExecutionCommand(stateMachine.arn, context.region);
    this.operatorRoleArn = operatorRoleArn;
    const outputs = {
      stepFunctionsStateMachineArn: this.stateMachineArn,
      stepFunctionsStartCommand: this.startCommand,
      stepFunctionsOperatorRoleArn: operatorRoleArn,
    };
    this.registerOutputs({
      ...outputs,
      requirements: this.requirements,
      containerDefinitions: this.containerDefinitions,
    });
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
