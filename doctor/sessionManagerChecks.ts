import { GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { GetFunctionCommand } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import {
  DescribeActivationsCommand,
  DescribeInstanceInformationCommand,
  GetServiceSettingCommand,
} from "@aws-sdk/client-ssm";
import {
  ACTIVATION_TAG_KEYS,
  ACTIVATION_TIER_SETTING,
} from "../components/strategies/sessionManager/activationTags";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "./types";

const { pass, fail, warn } = resultsFor("sessionManager");
const DAY_MS = 24 * 3600 * 1000;

/** The tier, this stack's managed instances and activations, and the cleanup function's health. */
export async function sessionManagerChecks(
  clients: DoctorClients,
  target: DoctorTarget,
  now: Date = new Date(),
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const tier = await clients.ssm.send(
    new GetServiceSettingCommand({ SettingId: ACTIVATION_TIER_SETTING }),
  );
  results.push(
    tier.ServiceSetting?.SettingValue === "advanced"
      ? pass("advanced-tier", "the account's hybrid instance tier is advanced")
      : fail(
          "advanced-tier",
          `the hybrid instance tier is ${tier.ServiceSetting?.SettingValue ?? "unknown"}`,
          "Session Manager needs the advanced tier: run pulumi up (the stack sets it)",
        ),
  );

  const instances =
    (
      await clients.ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: `tag:${ACTIVATION_TAG_KEYS.stack}`, Values: [target.stackTagValue] }],
        }),
      )
    ).InstanceInformationList ?? [];
  const online = instances.filter((i) => i.PingStatus === "Online");
  const lost = instances.filter((i) => i.PingStatus === "ConnectionLost");
  results.push(
    online.length > 0
      ? pass("instance-online", `${online.map((i) => i.InstanceId).join(", ")} Online`)
      : fail(
          "instance-online",
          "no managed instance of this stack is Online",
          "read the task's log for fargate-access-entrypoint lines; check the task role and the ssm endpoints",
        ),
  );
  results.push(
    lost.length === 0
      ? pass("stale-instances", "no ConnectionLost instances")
      : warn(
          "stale-instances",
          `${lost.length} ConnectionLost instance(s) of this stack`,
          "the cleanup function removes them on its next schedule; check its log if they stay",
        ),
  );

  const roleName = target.outputs.sessionManagerActivationRoleArn?.split("/").pop() ?? "";
  const activations =
    (
      await clients.ssm.send(
        new DescribeActivationsCommand({
          Filters: [{ FilterKey: "IamRole", FilterValues: [roleName] }],
        }),
      )
    ).ActivationList ?? [];
  const expired = activations.filter((a) => a.Expired === true);
  results.push(
    expired.length === 0
      ? pass("expired-activations", `${activations.length} activation(s), none expired`)
      : warn(
          "expired-activations",
          `${expired.length} expired activation(s) left`,
          "the cleanup function deletes them on its next schedule",
        ),
  );

  const functionName = target.outputs.sessionManagerCleanupFunctionName ?? "";
  const configuration = (
    await clients.lambda.send(new GetFunctionCommand({ FunctionName: functionName }))
  ).Configuration;
  results.push(
    configuration?.State === "Active"
      ? pass("cleanup-function", `${functionName} Active (${configuration.Runtime})`)
      : fail(
          "cleanup-function",
          `${functionName} is ${configuration?.State ?? "missing"}`,
          "run pulumi up; see the function's StateReason in the console",
        ),
  );
  const errors = await clients.cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: functionName }],
      StartTime: new Date(now.getTime() - DAY_MS),
      EndTime: now,
      Period: 86400,
      Statistics: ["Sum"],
    }),
  );
  const errorCount = (errors.Datapoints ?? []).reduce((sum, d) => sum + (d.Sum ?? 0), 0);
  results.push(
    errorCount === 0
      ? pass("cleanup-errors", "no cleanup errors in the last 24 hours")
      : warn(
          "cleanup-errors",
          `${errorCount} cleanup error(s) in the last 24 hours`,
          `aws logs tail /aws/lambda/${functionName} --since 1d`,
        ),
  );

  const dlqArn = configuration?.DeadLetterConfig?.TargetArn;
  if (!dlqArn) {
    results.push(
      fail("cleanup-dlq", "the cleanup function has no dead-letter queue", "run pulumi up"),
    );
    return results;
  }
  const [, , , , account, queueName] = dlqArn.split(":");
  const { QueueUrl } = await clients.sqs.send(
    new GetQueueUrlCommand({ QueueName: queueName, QueueOwnerAWSAccountId: account }),
  );
  const depth = Number(
    (
      await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ["ApproximateNumberOfMessages"],
        }),
      )
    ).Attributes?.ApproximateNumberOfMessages ?? 0,
  );
  results.push(
    depth === 0
      ? pass("cleanup-dlq", "dead-letter queue empty")
      : fail(
          "cleanup-dlq",
          `${depth} failed cleanup event(s) in ${queueName}`,
          "read them (aws sqs receive-message), fix the cause, then purge or redrive",
        ),
  );
  return results;
}
