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
  ECS_EXEC_FIELDS,
  ECS_EXEC_RESOURCE_NAME,
  EcsExecConfig,
  ecsExecEndpointServices,
  ecsExecServiceKeys,
} from "./config";
import { ArnBuilder, AwsContext, lookupAwsContext } from "../../components/awsContext";
import { execLogGroupName } from "./logGroupName";
import { WorkloadContribution } from "../../components/contribution";
import {
  AccessStrategy,
  AccessTarget,
  StrategyOutputs,
  strategyTags,
  withLegacyType,
} from "../accessStrategy";
import { createOperatorRole } from "../operatorRole";
import { execKeyPolicy } from "./keyPolicy";
import { execTaskRoleStatements, operatorStatements } from "./statements";

/** ECS Exec's settings: the keys of the `fargate-access:ecsExec` stack config section. */
export interface EcsExecSettings extends OperatorSettings {
  /** Session logging: `override` (the component's own encrypted log group), `default` (the container's awslogs group) or `none`. Default: `override`. */
  logging?: string;
  /** The key that encrypts the session channel: `create`, `none`, or a KMS key ARN in the stack's region. Default: `create`. */
  kmsKey?: string;
}

/** Args of {@link EcsExecAccess}. */
export interface EcsExecAccessArgs extends EcsExecSettings, CommonAccessArgs {}

const COMPONENT = "EcsExecAccess";

/** What `attach` needs from the constructor; kept off the instance, whose fields are its outputs. */
interface EcsExecState {
  name: string;
  config: EcsExecConfig;
  context: AwsContext;
  arns: ArnBuilder;
  kmsKeyArn?: pulumi.Output<string>;
  contribution: WorkloadContribution;
}

const STATE = new ComponentState<EcsExecAccess, EcsExecState>(COMPONENT);

/**
 * ECS Exec: `aws ecs execute-command` into the running container. Creates the session key and
 * log group the cluster refers to and an operator role scoped to the service's container. Given
 * an existing `service` it attaches at once; it then returns what the service, task definition
 * and cluster must change (`requirements`) and attaches the task-role policy to a role passed.
 */
export class EcsExecAccess extends pulumi.ComponentResource implements AccessStrategy {
  /** A ready-to-paste shell command: find a task whose exec agent is RUNNING, then open a shell in its container. */
  command?: pulumi.Output<string>;
  /** The role operators assume to exec into this container only; empty when no `operatorPrincipals`. */
  operatorRoleArn?: pulumi.Output<string>;
  /** The KMS key of the session channel (`kmsKey`), when there is one. */
  kmsKeyArn?: pulumi.Output<string>;
  /** The log group session transcripts go to (`logging: override`). */
  sessionLogGroupName?: pulumi.Output<string>;
  /** What the team's service, task definition, cluster and task role must change. */
  requirements?: pulumi.Output<ServiceRequirements>;
  /** The team's `service.containerDefinitions`, patched (`initProcessEnabled`); only when passed. */
  containerDefinitions?: pulumi.Output<string>;

  constructor(name: string, args: EcsExecAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const read = readAccessArgs(COMPONENT, ECS_EXEC_FIELDS, args, ecsExecServiceKeys);
    super("fargate-access:index:EcsExecAccess", name, {}, withLegacyType(opts, COMPONENT));
    const config = read.config;
    const context = lookupAwsContext({ parent: this });
    const arns = new ArnBuilder(context);
    const tags = strategyTags("ecsExec");
    const scope = instanceScope(name, ECS_EXEC_RESOURCE_NAME);
    const logGroupName = execLogGroupName(pulumi.getProject(), scope);

    if (config.kmsKey === "create") {
      const key = new aws.kms.Key(
        `${name}-key`,
        {
          description: `ECS Exec sessions of ${pulumi.getProject()}/${scope}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: execKeyPolicy(context, arns.logGroup(logGroupName)),
          tags,
        },
        { parent: this },
      );
      this.kmsKeyArn = key.arn;
    } else if (config.kmsKey !== "none") {
      this.kmsKeyArn = pulumi.output(config.kmsKey.arn);
    }
    const kmsKeyArn = this.kmsKeyArn;

    const logGroup =
      config.logging === "override"
        ? new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            {
              name: logGroupName,
              retentionInDays: read.logRetentionDays,
              kmsKeyId: kmsKeyArn,
              tags,
            },
            { parent: this },
          )
        : undefined;
    this.sessionLogGroupName = logGroup?.name;

    const contribution: WorkloadContribution = {
      source: "ecsExec",
      enableExecuteCommand: true,
      endpointServices: ecsExecEndpointServices(config),
      executeCommandConfiguration: {
        logging: config.logging.toUpperCase(),
        kmsKeyId: kmsKeyArn,
        logConfiguration: logGroup
          ? {
              cloudWatchLogGroupName: logGroup.name,
              // The agent refuses every session when this is on and the group has no KMS key
              // (amazon-ssm-agent agent/session/shell/shell.go, IsLogGroupEncryptedWithKMS).
              cloudWatchEncryptionEnabled: kmsKeyArn !== undefined,
            }
          : undefined,
      },
      taskRolePolicy: {
        name: `${name}-task-policy`,
        statements: (workload) =>
          execTaskRoleStatements({
            // `default` logs to the container's awslogs group (ECS ExecuteCommandConfiguration).
            logGroupArn:
              config.logging === "default" ? workload.containerLogGroupArn : logGroup?.arn,
            kmsKeyArn,
          }),
      },
    };
    STATE.set(this, { name, config, context, arns, kmsKeyArn, contribution });

    attachWhenGiven(this, COMPONENT, read.service, context, [contribution]);
  }

  get strategyName(): "ecsExec" {
    return "ecsExec";
  }

  /** What the workload must reference before it exists (the project's program reads it). */
  get contribution(): WorkloadContribution {
    return STATE.get(this).contribution;
  }

  /** Adds the operator role around a service that now exists; returns the stack outputs. */
  attach(target: AccessTarget): StrategyOutputs {
    const { name, config, context, arns, kmsKeyArn } = STATE.get(this);
    this.operatorRoleArn = createOperatorRole(this, name, {
      strategy: "ecsExec",
      principals: config.operatorPrincipals,
      identity: {
        requireSourceIdentity: config.requireSourceIdentity,
        requireMfa: config.requireMfa,
      },
      description: "Operators: ECS Exec into this stack's container only",
      statements: operatorStatements({
        clusterArn: target.clusterArn,
        clusterTasksArn: arns.ecsTasksOf(target.clusterName),
        anyTaskArn: arns.regional("ecs", "task/*"),
        containerName: target.containerName,
        kmsKeyArn,
      }),
    });
    this.command = execCommand(
      target.clusterName,
      target.serviceName,
      target.containerName,
      context.region,
    );
    const outputs = { ecsExecCommand: this.command, ecsExecOperatorRoleArn: this.operatorRoleArn };
    this.registerOutputs({
      ...outputs,
      kmsKeyArn: this.kmsKeyArn,
      requirements: this.requirements,
      containerDefinitions: this.containerDefinitions,
    });
    return outputs;
  }
}

/**
 * A ready-to-paste command: find a task ECS Exec can enter, then open a shell in its container.
 * `list-tasks --desired-status RUNNING` also lists tasks still PENDING (ListTasksRequest
 * .desiredStatus), so describe-tasks picks one whose lastStatus and ExecuteCommandAgent are
 * RUNNING, as `npm run shell` does (readyTask.ts). Pages: with `--output text` the CLI applies
 * `--query` to each page and prints one line per page (aws-cli awscli/formatter.py,
 * TextFormatter), here each page's ARNs. `xargs -n 100` hands them to describe-tasks 100 at a
 * time, its limit (DescribeTasksRequest.tasks), whatever the shell (zsh does not split `$VAR`);
 * describe-tasks has no paginator, so its query sees its whole answer: an ARN or `None`. The
 * first ARN wins.
 */
export function execCommand(
  clusterName: pulumi.Input<string>,
  serviceName: pulumi.Input<string>,
  containerName: string,
  region: pulumi.Input<string>,
): pulumi.Output<string> {
  const listTasks = pulumi.interpolate`aws ecs list-tasks --region ${region} --cluster ${clusterName} --service-name ${serviceName} --desired-status RUNNING --query taskArns --output text`;
  const ready = `tasks[?lastStatus=='RUNNING' && enableExecuteCommand && containers[?name=='${containerName}' && managedAgents[?name=='ExecuteCommandAgent' && lastStatus=='RUNNING']]] | [0].taskArn`;
  const describeTasks = pulumi.interpolate`aws ecs describe-tasks --region ${region} --cluster ${clusterName} --query "${ready}" --output text --tasks`;
  const findTask = pulumi.interpolate`TASK_ARN=$(${listTasks} | xargs -n 100 ${describeTasks} | awk '$0 != "None" { print; exit }')`;
  const notReady = pulumi.interpolate`echo "no task of ${serviceName} is RUNNING with its ExecuteCommandAgent RUNNING yet; see npm run doctor" >&2; false`;
  return pulumi.interpolate`${findTask}; if [ -z "$TASK_ARN" ]; then ${notReady}; else aws ecs execute-command --region ${region} --cluster ${clusterName} --task "$TASK_ARN" --container ${containerName} --interactive --command "/bin/sh"; fi`;
}
