import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EcsExecConfig } from "./config";
import { ArnBuilder, AwsContext } from "../../components/awsContext";
import { execLogGroupName } from "./logGroupName";
import { WorkloadContribution } from "../../components/contribution";
import { AccessStrategy, AccessTarget, StrategyOutputs, strategyTags } from "../accessStrategy";
import { createOperatorRole } from "../operatorRole";
import { execKeyPolicy } from "./keyPolicy";
import { execTaskRoleStatements, operatorStatements } from "./statements";

export interface EcsExecAccessArgs {
  /** `fargate-access:ecsExec`, validated and defaulted. */
  config: EcsExecConfig;
  /** Days to keep exec session logs (`logging: override`); the stack's `logRetentionDays`. */
  logRetentionDays: number;
  /** The account, region and partition the stack deploys to. */
  context: AwsContext;
}

/**
 * ECS Exec: `aws ecs execute-command` into the running container. Before the workload exists it
 * creates the session key and log group the cluster refers to; `attach` adds the task-role
 * permissions and the operator role.
 */
export class EcsExecAccess extends pulumi.ComponentResource implements AccessStrategy {
  readonly strategyName = "ecsExec" as const;
  readonly contribution: WorkloadContribution;
  readonly kmsKeyArn?: pulumi.Output<string>;
  readonly logGroup?: aws.cloudwatch.LogGroup;
  private readonly config: EcsExecConfig;
  private readonly arns: ArnBuilder;
  private readonly name: string;
  private readonly region: pulumi.Input<string>;

  constructor(name: string, args: EcsExecAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fargate-access:strategies:EcsExecAccess", name, {}, opts);
    this.name = name;
    this.config = args.config;
    this.region = args.context.region;
    this.arns = new ArnBuilder(args.context);
    const tags = strategyTags(this.strategyName);
    const logGroupName = execLogGroupName(pulumi.getProject(), pulumi.getStack());

    if (args.config.kmsKey === "create") {
      const key = new aws.kms.Key(
        `${name}-key`,
        {
          description: `ECS Exec sessions of ${pulumi.getProject()}/${pulumi.getStack()}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: execKeyPolicy(args.context, this.arns.logGroup(logGroupName)),
          tags,
        },
        { parent: this },
      );
      this.kmsKeyArn = key.arn;
    } else if (args.config.kmsKey !== "none") {
      this.kmsKeyArn = pulumi.output(args.config.kmsKey.arn);
    }

    if (args.config.logging === "override") {
      this.logGroup = new aws.cloudwatch.LogGroup(
        `${name}-logs`,
        {
          name: logGroupName,
          retentionInDays: args.logRetentionDays,
          kmsKeyId: this.kmsKeyArn,
          tags,
        },
        { parent: this },
      );
    }

    const sessionLogGroupArn = this.logGroup?.arn;
    this.contribution = {
      source: this.strategyName,
      enableExecuteCommand: true,
      executeCommandConfiguration: {
        logging: args.config.logging.toUpperCase(),
        kmsKeyId: this.kmsKeyArn,
        logConfiguration: this.logGroup
          ? {
              cloudWatchLogGroupName: this.logGroup.name,
              // The agent refuses every session when this is on and the group has no KMS key
              // (amazon-ssm-agent agent/session/shell/shell.go, IsLogGroupEncryptedWithKMS).
              cloudWatchEncryptionEnabled: this.kmsKeyArn !== undefined,
            }
          : undefined,
      },
      taskRolePolicy: {
        name: `${name}-task-policy`,
        statements: (workload) =>
          execTaskRoleStatements({
            // `default` logs to the container's awslogs group (ECS ExecuteCommandConfiguration).
            logGroupArn:
              args.config.logging === "default"
                ? workload.containerLogGroupArn
                : sessionLogGroupArn,
            kmsKeyArn: this.kmsKeyArn,
          }),
      },
    };
  }

  attach(target: AccessTarget): StrategyOutputs {
    const operatorRoleArn = createOperatorRole(this, this.name, {
      strategy: this.strategyName,
      principals: this.config.operatorPrincipals,
      identity: {
        requireSourceIdentity: this.config.requireSourceIdentity,
        requireMfa: this.config.requireMfa,
      },
      description: "Operators: ECS Exec into this stack's container only",
      statements: operatorStatements({
        clusterArn: target.clusterArn,
        clusterTasksArn: this.arns.ecsTasksOf(target.clusterName),
        anyTaskArn: this.arns.regional("ecs", "task/*"),
        containerName: target.containerName,
        kmsKeyArn: this.kmsKeyArn,
      }),
    });

    const outputs = {
      ecsExecCommand: execCommand(
        target.clusterName,
        target.serviceName,
        target.containerName,
        this.region,
      ),
      ecsExecOperatorRoleArn: operatorRoleArn,
    };
    this.registerOutputs(outputs);
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
