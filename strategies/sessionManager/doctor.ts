import { GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { GetFunctionCommand } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import {
  Activation,
  DescribeActivationsCommand,
  DescribeDocumentCommand,
  GetServiceSettingCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { ACTIVATION_TIER_SETTING, sessionDocumentName } from "../../lib/activationTags";
import { stackInstances } from "../../lib/stackInstances";
import { checked } from "../../doctor/checked";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "../../doctor/types";

const { pass, fail, warn } = resultsFor("sessionManager");
const DAY_MS = 24 * 3600 * 1000;

/** The tier, this stack's managed instances and activations, and the cleanup function's health. */
export async function sessionManagerChecks(
  clients: DoctorClients,
  target: DoctorTarget,
  now: Date = new Date(),
): Promise<CheckResult[]> {
  const check = (checks: string[], run: () => Promise<CheckResult | CheckResult[]>) =>
    checked("sessionManager", checks, run);
  // GetFunction once; the cleanup-function and cleanup-dlq checks each report its failure.
  const functionName = target.outputs.sessionManagerCleanupFunctionName ?? "";
  const cleanupFunction = clients.lambda.send(
    new GetFunctionCommand({ FunctionName: functionName }),
  );
  cleanupFunction.catch(() => undefined);
  return [
    ...(await check(["advanced-tier"], () => tierCheck(clients.ssm))),
    ...(await check(["session-document"], () =>
      sessionDocumentCheck(clients.ssm, target.stackTagValue),
    )),
    ...(await check(["instance-online", "stale-instances"], () =>
      instanceChecks(clients.ssm, target.stackTagValue),
    )),
    ...(await check(["expired-activations"], () => activationCheck(clients.ssm, target))),
    ...(await check(["cleanup-function"], async () => {
      const { Configuration: configuration } = await cleanupFunction;
      return configuration?.State === "Active"
        ? pass("cleanup-function", `${functionName} Active (${configuration.Runtime})`)
        : fail(
            "cleanup-function",
            `${functionName} is ${configuration?.State ?? "missing"}`,
            "run pulumi up; see the function's StateReason in the console",
          );
    })),
    ...(await check(["cleanup-errors"], () => cleanupErrorsCheck(clients, functionName, now))),
    ...(await check(["cleanup-dlq"], async () =>
      deadLetterCheck(clients, (await cleanupFunction).Configuration?.DeadLetterConfig?.TargetArn),
    )),
  ];
}

/** The account's hybrid instance tier: Session Manager needs advanced. */
async function tierCheck(ssm: SSMClient): Promise<CheckResult> {
  const tier = await ssm.send(new GetServiceSettingCommand({ SettingId: ACTIVATION_TIER_SETTING }));
  return tier.ServiceSetting?.SettingValue === "advanced"
    ? pass("advanced-tier", "the account's hybrid instance tier is advanced")
    : fail(
        "advanced-tier",
        `the hybrid instance tier is ${tier.ServiceSetting?.SettingValue ?? "unknown"}`,
        "Session Manager needs the advanced tier: run pulumi up (the stack sets it)",
      );
}

/** This stack's managed instances: one Online, none ConnectionLost. */
async function instanceChecks(ssm: SSMClient, stackTag: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const instances = await stackInstances(ssm, stackTag);
  const online = instances.filter((i) => i.PingStatus === "Online");
  const lost = instances.filter((i) => i.PingStatus === "ConnectionLost");
  results.push(
    online.length > 0
      ? pass("instance-online", `${online.map((i) => i.InstanceId).join(", ")} Online`)
      : fail(
          "instance-online",
          "no managed instance of this stack is Online",
          instances.length > 0
            ? // Registered (the instance exists) but never reporting: the heartbeat,
              // ssm:UpdateInstanceInformation, may be refused by its stack-tag condition, which
              // no public source shows evaluated for it.
              `${instances.length} instance(s) registered but none Online: if the agent's log shows AccessDenied on ssm:UpdateInstanceInformation, set fargate-access:sessionManager.scopeHeartbeatToStackTag: false and run pulumi up (README, Session Manager); otherwise check the ssm and ec2messages endpoints`
            : "read the task's log for fargate-access-entrypoint lines; check the task role and the ssm endpoints; if tasks register but never come Online, see fargate-access:sessionManager.scopeHeartbeatToStackTag",
        ),
  );
  results.push(
    lost.length === 0
      ? pass("stale-instances", "no ConnectionLost instances")
      : warn(
          "stale-instances",
          `${lost.length} ConnectionLost instance(s) of this stack`,
          "the cleanup function removes those whose task stopped on its next schedule (a running task keeps its instance unless sessionManager.staleAfterHours is set); check its log if they stay",
        ),
  );
  return results;
}

/** Activations of the activation role that expired (the cleanup deletes them). */
async function activationCheck(ssm: SSMClient, target: DoctorTarget): Promise<CheckResult> {
  const roleName = target.outputs.sessionManagerActivationRoleArn?.split("/").pop() ?? "";
  const activations: Activation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ssm.send(
      new DescribeActivationsCommand({
        Filters: [{ FilterKey: "IamRole", FilterValues: [roleName] }],
        MaxResults: 50,
        NextToken: nextToken,
      }),
    );
    activations.push(...(page.ActivationList ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const expired = activations.filter((a) => a.Expired === true);
  return expired.length === 0
    ? pass("expired-activations", `${activations.length} activation(s), none expired`)
    : warn(
        "expired-activations",
        `${expired.length} expired activation(s) left`,
        "the cleanup function deletes them on its next schedule",
      );
}

/** Errors of the cleanup function in the last 24 hours (CloudWatch metric). */
async function cleanupErrorsCheck(
  clients: DoctorClients,
  functionName: string,
  now: Date,
): Promise<CheckResult> {
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
  return errorCount === 0
    ? pass("cleanup-errors", "no cleanup errors in the last 24 hours")
    : warn(
        "cleanup-errors",
        `${errorCount} cleanup error(s) in the last 24 hours`,
        `aws logs tail /aws/lambda/${functionName} --since 1d`,
      );
}

/** The cleanup function's dead-letter queue exists and is empty. */
async function deadLetterCheck(
  clients: DoctorClients,
  dlqArn: string | undefined,
): Promise<CheckResult> {
  if (!dlqArn) {
    return fail("cleanup-dlq", "the cleanup function has no dead-letter queue", "run pulumi up");
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
  return depth === 0
    ? pass("cleanup-dlq", "dead-letter queue empty")
    : fail(
        "cleanup-dlq",
        `${depth} failed cleanup event(s) in ${queueName}`,
        "read them (aws sqs receive-message), fix the cause, then purge or redrive",
      );
}

/** The stack's Session document exists and is active: operators can start sessions only with it. */
async function sessionDocumentCheck(ssm: SSMClient, stackTag: string): Promise<CheckResult> {
  const name = sessionDocumentName(stackTag);
  const fix = "run pulumi up: operators may start sessions only with this logged document";
  try {
    const { Document } = await ssm.send(new DescribeDocumentCommand({ Name: name }));
    return Document?.DocumentType === "Session" && Document.Status === "Active"
      ? pass("session-document", `${name} Active (sessions recorded)`)
      : fail("session-document", `${name} is ${Document?.Status ?? "unknown"}`, fix);
  } catch (error) {
    // DescribeDocumentCommand @throws InvalidDocument for a document that does not exist.
    if ((error as { name?: string }).name !== "InvalidDocument") throw error;
    return fail("session-document", `${name} does not exist`, fix);
  }
}
