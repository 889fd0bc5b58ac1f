import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAME_RULES, stackResourceName } from "../../lib/physicalName";
import { ArnBuilder } from "../../components/awsContext";
import { policyDocument, serviceTrustPolicy } from "../../components/iam";
import { strategyTags } from "../accessStrategy";
import { bundleCleanupHandler } from "./bundleHandler";
import { cleanupStatements } from "./statements";

/** The Lambda runtime of the cleanup function (Node.js 20 is past end of life). */
export const CLEANUP_RUNTIME = "nodejs22.x";

/** The metric an alarm watches; it fires on any value above zero. */
type AlarmMetric = Pick<
  aws.cloudwatch.MetricAlarmArgs,
  "namespace" | "metricName" | "dimensions" | "statistic"
>;

export interface SessionCleanupFunctionArgs {
  /** The workload's cluster: its STOPPED events trigger the function. */
  clusterArn: pulumi.Input<string>;
  /** The same cluster by name: the function asks ECS about its tasks. */
  clusterName: pulumi.Input<string>;
  /** The activation role: the function deletes activations that pass it. */
  activationRoleName: pulumi.Input<string>;
  /** This stack's value of the stack tag: the function touches only what carries it. */
  stackTagValue: string;
  /** What the function's name is scoped by: the stack, or the stack and component (library/instanceScope.ts). */
  scope: string;
  /** `cleanupSchedule`, e.g. `rate(1 hour)`. */
  schedule: string;
  /** `staleAfterHours`: 0 = a running task's instance is never deregistered. */
  staleAfterHours: number;
  /** SNS topic the alarms notify; none by default. */
  alarmTopicArn?: string;
  /** Reserved concurrency; none by default (a new account's quota of 10 cannot spare it). */
  reservedConcurrency?: number;
  /** Days to keep the function's logs; the stack's `logRetentionDays`. */
  logRetentionDays: number;
  /** ARNs in this account and region. */
  arns: ArnBuilder;
  /** The account the alarms and the function's trust are scoped to. */
  accountId: pulumi.Input<string>;
  /** The bundled handler; default: {@link bundleCleanupHandler}. */
  code?: string;
}

/**
 * The function that deregisters the managed instances and deletes the activations stopped tasks
 * leave behind: invoked by ECS `STOPPED` events of this cluster and by a schedule that sweeps
 * what an event missed. Failed asynchronous invocations land in a dead-letter queue, and two
 * alarms (function errors, messages in the queue) make failures visible.
 */
export class SessionCleanupFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly deadLetterQueue: aws.sqs.Queue;

  constructor(
    name: string,
    args: SessionCleanupFunctionArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("fargate-access:strategies:SessionCleanupFunction", name, {}, opts);
    const tags = strategyTags("sessionManager");
    const functionName = stackResourceName(
      pulumi.getProject(),
      args.scope,
      NAME_RULES.lambdaFunction,
      "ssm-cleanup",
    );
    const logGroupName = `/aws/lambda/${functionName}`;

    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      { messageRetentionSeconds: 14 * 24 * 3600, sqsManagedSseEnabled: true, tags },
      { parent: this },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: logGroupName, retentionInDays: args.logRetentionDays, tags },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: "Session Manager cleanup: deregister this stack's stale managed instances",
        assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", args.accountId),
        tags,
      },
      { parent: this },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: policyDocument(
          cleanupStatements({
            stackTagValue: args.stackTagValue,
            managedInstancesArn: args.arns.regional("ssm", "managed-instance/*"),
            clusterArn: args.clusterArn,
            clusterTasksArn: args.arns.ecsTasksOf(args.clusterName),
            logGroupArn: logGroup.arn,
            deadLetterQueueArn: this.deadLetterQueue.arn,
          }),
        ),
      },
      { parent: this },
    );

    this.function = new aws.lambda.Function(
      `${name}-function`,
      {
        name: functionName,
        description: "Deregisters managed instances and activations left by stopped tasks",
        runtime: CLEANUP_RUNTIME,
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({
          "index.js": new pulumi.asset.StringAsset(args.code ?? bundleCleanupHandler()),
        }),
        role: role.arn,
        timeout: 300,
        memorySize: 256,
        // Lambda keeps 10 unreserved executions per account; a new account's quota is 10, so
        // reserving any fails `pulumi up` there (Lambda guide, "Configuring reserved concurrency").
        ...(args.reservedConcurrency === undefined
          ? {}
          : { reservedConcurrentExecutions: args.reservedConcurrency }),
        deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        environment: {
          variables: {
            STACK_TAG_VALUE: args.stackTagValue,
            ACTIVATION_ROLE_NAME: args.activationRoleName,
            CLUSTER_ARN: args.clusterArn,
            STALE_AFTER_HOURS: String(args.staleAfterHours),
          },
        },
        tags,
      },
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      { functionName: this.function.name, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      { parent: this },
    );

    const taskStopped = new aws.cloudwatch.EventRule(
      `${name}-task-stopped`,
      {
        description: "Tasks of this cluster that stopped",
        eventPattern: pulumi.jsonStringify({
          source: ["aws.ecs"],
          "detail-type": ["ECS Task State Change"],
          detail: { clusterArn: [args.clusterArn], lastStatus: ["STOPPED"] },
        }),
        tags,
      },
      { parent: this },
    );
    const sweep = new aws.cloudwatch.EventRule(
      `${name}-sweep`,
      { description: "Sweep stale managed instances", scheduleExpression: args.schedule, tags },
      { parent: this },
    );
    for (const [ruleName, rule] of [
      ["task-stopped", taskStopped],
      ["sweep", sweep],
    ] as const) {
      new aws.cloudwatch.EventTarget(
        `${name}-${ruleName}-target`,
        { rule: rule.name, arn: this.function.arn },
        { parent: this },
      );
      new aws.lambda.Permission(
        `${name}-${ruleName}-invoke`,
        {
          action: "lambda:InvokeFunction",
          function: this.function.name,
          principal: "events.amazonaws.com",
          sourceArn: rule.arn,
        },
        { parent: this },
      );
    }

    const alarmOnAny = (suffix: string, description: string, metric: AlarmMetric) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${suffix}`,
        {
          alarmDescription: description,
          ...metric,
          period: 300,
          evaluationPeriods: 1,
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "notBreaching",
          ...(args.alarmTopicArn
            ? { alarmActions: [args.alarmTopicArn], okActions: [args.alarmTopicArn] }
            : {}),
          tags,
        },
        { parent: this },
      );
    alarmOnAny("errors", "The Session Manager cleanup function failed", {
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: this.function.name },
      statistic: "Sum",
    });
    alarmOnAny("dead-letters", "Cleanup events gave up and wait in the dead-letter queue", {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: this.deadLetterQueue.name },
      statistic: "Maximum",
    });
    this.registerOutputs({ functionName: this.function.name });
  }
}
