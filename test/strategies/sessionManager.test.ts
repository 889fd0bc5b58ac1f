import * as assert from "assert";
import aslValidator from "asl-validator";
import { StateMachine } from "aws-local-stepfunctions";
import { RUN_TASK_STATE } from "../../strategies/stepFunctions/definition";
import { OfflineRun } from "../../offline/runOffline";
import { readStackConfigFile } from "../../offline/stackFiles";
import {
  allowedActions,
  containersOf,
  plan,
  resourceNamed,
  resourcesOfType,
  stackConfig,
  statementsOf,
} from "../helpers/offlinePlan";

const OPERATOR = "arn:aws:iam::123456789012:role/oncall";
const STACK_TAG = "fargate-access/test";
const TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:oncall";
const DOCUMENT = "fargate-access-test-shell";
const SESSION_LOGS = "/fargate-access/test/session-manager";

function sessionPlan(
  sessionManager: Record<string, unknown> = {},
  strategies = ["sessionManager"],
): Promise<OfflineRun> {
  return plan(
    stackConfig({
      "fargate-access:strategies": strategies,
      "fargate-access:sessionManager": sessionManager,
    }),
  );
}

describe("SessionManagerAccess", () => {
  let run: OfflineRun;
  before(async () => {
    run = await sessionPlan({
      operatorPrincipals: [OPERATOR],
      cleanupSchedule: "rate(15 minutes)",
    });
  });

  it("creates an activation role only SSM of this account can assume, with no managed policy", () => {
    const role = resourceNamed(run, "session-manager-activation-role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "ssm.amazonaws.com" });
    assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals, {
      "aws:SourceAccount": "123456789012",
    });
    assert.deepStrictEqual(
      resourcesOfType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) =>
        r.name.startsWith("session-manager"),
      ),
      [],
    );
  });

  it("lets the activation role do what the agent calls for sessions and Run Command, no more", () => {
    const policy = resourceNamed(run, "session-manager-activation-policy");
    const actions = allowedActions(policy);
    assert.deepStrictEqual(actions, [
      "ec2messages:AcknowledgeMessage",
      "ec2messages:DeleteMessage",
      "ec2messages:FailMessage",
      "ec2messages:GetEndpoint",
      "ec2messages:GetMessages",
      "ec2messages:SendReply",
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
      "ssm:UpdateInstanceInformation",
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]);
    assert.ok(!actions.some((action) => action.startsWith("ssm:GetParameter")));
    const write = statementsOf(policy).find((s) => s.Action.includes("logs:PutLogEvents"));
    assert.deepStrictEqual(write?.Resource, [
      `arn:aws:logs:ap-northeast-1:123456789012:log-group:${SESSION_LOGS}:log-stream:*`,
    ]);
  });

  it("turns on the advanced tier and keeps it on destroy unless told otherwise", async () => {
    const tier = resourceNamed(run, "session-manager-advanced-tier");
    assert.strictEqual(tier.inputs.settingValue, "advanced");
    assert.strictEqual(
      tier.inputs.settingId,
      "arn:aws:ssm:ap-northeast-1:123456789012:servicesetting/ssm/managed-instance/activation-tier",
    );
    assert.strictEqual(tier.retainOnDelete, true);
    const resetting = await sessionPlan({ resetTierOnDestroy: true });
    assert.strictEqual(
      resourceNamed(resetting, "session-manager-advanced-tier").retainOnDelete,
      false,
    );
  });

  it("gives the task role only a tagged CreateActivation and PassRole to SSM", () => {
    const policy = resourceNamed(run, "session-manager-task-policy");
    assert.deepStrictEqual(allowedActions(policy), ["iam:PassRole", "ssm:CreateActivation"]);
    const statements = statementsOf(policy);
    const passRole = statements.find((s) => s.Action.includes("iam:PassRole"));
    assert.deepStrictEqual(passRole?.Resource, [run.outputs.sessionManagerActivationRoleArn]);
    assert.deepStrictEqual(passRole.Condition, {
      StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" },
    });
    const create = statements.find((s) => s.Action.includes("ssm:CreateActivation"));
    assert.deepStrictEqual(create?.Condition?.StringEquals, {
      "aws:RequestTag/fargate-access:stack": STACK_TAG,
    });
  });

  it("wraps the command with the entry point and runs no ECS-managed agent beside it", () => {
    const [container] = containersOf(run);
    assert.deepStrictEqual(container.entryPoint, ["/usr/local/bin/fargate-access-entrypoint"]);
    assert.deepStrictEqual(container.command, ["crond", "-f"]);
    const environment = Object.fromEntries(
      (container.environment ?? []).map((e) => [e.name, e.value]),
    );
    assert.strictEqual(environment.FA_STACK_TAG, STACK_TAG);
    assert.strictEqual(environment.FA_ACTIVATION_EXPIRY_HOURS, "24");
    assert.strictEqual(environment.FA_TASK_TAG_NAME, "fargate-access:task-arn");
    assert.strictEqual(environment.FA_ONE_OFF, undefined, "the service's tasks must register");
    assert.ok(String(environment.FA_ACTIVATION_ROLE).startsWith("session-manager-activation-role"));
    assert.strictEqual(resourceNamed(run, "workload-service").inputs.enableExecuteCommand, false);
  });

  it("opens the endpoints the hybrid agent talks to", () => {
    const services = resourcesOfType(run, "aws:ec2/vpcEndpoint:VpcEndpoint")
      .map((endpoint) => String(endpoint.inputs.serviceName).split(".").pop())
      .sort();
    for (const service of ["ec2messages", "logs", "ssm", "ssmmessages"]) {
      assert.ok(services.includes(service), `${service} endpoint missing: ${services}`);
    }
  });

  it("records sessions through a Standard_Stream document into a KMS-encrypted log group", () => {
    const document = resourceNamed(run, "session-manager-session-document");
    assert.strictEqual(document.inputs.name, DOCUMENT);
    assert.strictEqual(document.inputs.documentType, "Session");
    const content = JSON.parse(String(document.inputs.content));
    assert.strictEqual(content.sessionType, "Standard_Stream");
    assert.strictEqual(content.inputs.cloudWatchLogGroupName, SESSION_LOGS);
    assert.strictEqual(content.inputs.cloudWatchEncryptionEnabled, true);
    assert.strictEqual(content.inputs.cloudWatchStreamingEnabled, true);

    const logs = resourceNamed(run, "session-manager-session-logs");
    assert.strictEqual(logs.inputs.name, SESSION_LOGS);
    assert.strictEqual(logs.inputs.retentionInDays, 30);
    const key = resourceNamed(run, "session-manager-session-key");
    assert.strictEqual(logs.inputs.kmsKeyId, key.outputs.arn);
    assert.strictEqual(key.inputs.enableKeyRotation, true);
    const keyPolicy = JSON.parse(String(key.inputs.policy));
    const logsStatement = keyPolicy.Statement.find(
      (s: { Principal: { Service?: string } }) =>
        s.Principal.Service === "logs.ap-northeast-1.amazonaws.com",
    );
    assert.deepStrictEqual(logsStatement.Condition.ArnEquals, {
      "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:ap-northeast-1:123456789012:log-group:${SESSION_LOGS}`,
    });
  });

  it("runs the cleanup function on Node.js 22 with a DLQ on both triggers, unreserved by default", () => {
    const fn = resourceNamed(run, "session-manager-cleanup-function");
    assert.strictEqual(fn.inputs.runtime, "nodejs22.x");
    assert.strictEqual(fn.inputs.reservedConcurrentExecutions, undefined);
    const queue = resourceNamed(run, "session-manager-cleanup-dlq");
    assert.ok(String((fn.inputs.deadLetterConfig as { targetArn: string }).targetArn).length > 0);
    assert.strictEqual(queue.inputs.sqsManagedSseEnabled, true);
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    assert.strictEqual(variables.STACK_TAG_VALUE, STACK_TAG);
    assert.strictEqual(variables.STALE_AFTER_HOURS, "0");
    assert.ok(variables.CLUSTER_ARN.startsWith("arn:aws:ecs:"));

    const stopped = JSON.parse(
      String(resourceNamed(run, "session-manager-cleanup-task-stopped").inputs.eventPattern),
    );
    assert.deepStrictEqual(stopped["detail-type"], ["ECS Task State Change"]);
    assert.deepStrictEqual(stopped.detail.lastStatus, ["STOPPED"]);
    assert.deepStrictEqual(stopped.detail.clusterArn, [variables.CLUSTER_ARN]);
    assert.strictEqual(
      resourceNamed(run, "session-manager-cleanup-sweep").inputs.scheduleExpression,
      "rate(15 minutes)",
    );
    const alarms = resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.strictEqual(alarms.length, 2);
    assert.ok(alarms.every((alarm) => alarm.inputs.alarmActions === undefined));
  });

  it("notifies the alarm topic and reserves concurrency only when configured", async () => {
    const configured = await sessionPlan({
      alarmTopicArn: TOPIC,
      reservedConcurrency: 2,
      staleAfterHours: 12,
    });
    const fn = resourceNamed(configured, "session-manager-cleanup-function");
    assert.strictEqual(fn.inputs.reservedConcurrentExecutions, 2);
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    assert.strictEqual(variables.STALE_AFTER_HOURS, "12");
    for (const alarm of resourcesOfType(configured, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
      assert.deepStrictEqual(alarm.inputs.alarmActions, [TOPIC]);
    }
  });

  it("lets the cleanup function read and deregister only this stack's instances, and ask ECS about its cluster", () => {
    const policy = resourceNamed(run, "session-manager-cleanup-policy");
    const statements = statementsOf(policy);
    const deregister = statements.find((s) => s.Action.includes("ssm:DeregisterManagedInstance"));
    assert.deepStrictEqual(deregister?.Resource, [
      "arn:aws:ssm:ap-northeast-1:123456789012:managed-instance/*",
    ]);
    assert.deepStrictEqual(deregister?.Condition, {
      StringEquals: { "aws:ResourceTag/fargate-access:stack": STACK_TAG },
    });
    const describe = statements.find((s) => s.Action.includes("ecs:DescribeTasks"));
    const cluster = resourceNamed(run, "workload-cluster").outputs.name;
    assert.deepStrictEqual(describe?.Resource, [
      `arn:aws:ecs:ap-northeast-1:123456789012:task/${cluster}/*`,
    ]);
    assert.match(
      String(describe?.Condition?.ArnEquals?.["ecs:cluster"]),
      /^arn:aws:ecs:.*cluster\//,
    );
  });

  it("lets operators start sessions on this stack only, through its logged document only", async () => {
    const role = resourceNamed(run, "session-manager-operator-role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { AWS: [OPERATOR] });
    const statements = statementsOf(resourceNamed(run, "session-manager-operator-policy"));
    const starts = statements.filter((s) => s.Action.includes("ssm:StartSession"));
    assert.deepStrictEqual(
      starts.flatMap((s) => s.Resource),
      [
        "arn:aws:ssm:ap-northeast-1:123456789012:managed-instance/*",
        `arn:aws:ssm:ap-northeast-1:123456789012:document/${DOCUMENT}`,
      ],
    );
    for (const start of starts) {
      assert.deepStrictEqual(start.Condition?.BoolIfExists, {
        "ssm:SessionDocumentAccessCheck": "true",
      });
    }
    assert.deepStrictEqual(starts[0].Condition?.StringEquals, {
      "aws:ResourceTag/fargate-access:stack": STACK_TAG,
    });
    assert.doesNotMatch(JSON.stringify(statements), /SSM-SessionManagerRunShell/);
    // SendCommand has no ssm:SessionDocumentAccessCheck key: its statement stands apart.
    for (const statement of statements.filter((s) => s.Action.includes("ssm:SendCommand"))) {
      assert.deepStrictEqual(statement.Action, ["ssm:SendCommand"]);
      assert.strictEqual(statement.Condition?.BoolIfExists, undefined);
    }
    const end = statements.find((s) => s.Sid === "EndOwnSessions");
    assert.deepStrictEqual(end?.Resource, ["arn:aws:ssm:ap-northeast-1:123456789012:session/*"]);
    assert.deepStrictEqual(end?.Condition, {
      StringLike: { "ssm:resourceTag/aws:ssmmessages:session-id": "${aws:userid}" },
    });
    const withoutOperators = await sessionPlan();
    assert.deepStrictEqual(
      withoutOperators.resources.filter((r) => r.name.startsWith("session-manager-operator")),
      [],
    );
    assert.match(String(withoutOperators.outputs.sessionManagerOperatorRoleArn), /^none: set/);
  });

  it("prints a start command with one tag filter and the logged document, and never a code", () => {
    const command = String(run.outputs.sessionManagerStartCommand);
    const filters = [...command.matchAll(/--filters "([^"]*)"/g)].map((m) => m[1]);
    assert.deepStrictEqual(
      [...new Set(filters)],
      [`Key=tag:fargate-access:stack,Values=${STACK_TAG}`],
    );
    assert.match(command, new RegExp(`aws ssm start-session .*--document-name ${DOCUMENT}`));
    assert.match(command, /\[\?PingStatus=='Online'\]/);
    assert.match(command, new RegExp(`CloudWatchLogGroupName=${SESSION_LOGS}`));
    assert.strictEqual(
      run.outputs.sessionManagerCleanupFunctionName,
      "fargate-access-test-ssm-cleanup",
    );
    assert.doesNotMatch(JSON.stringify(run.outputs), /ActivationCode|activation-code/i);
  });

  it("makes the state machine's one-off runs skip registration (FA_ONE_OFF=1)", async () => {
    const both = await sessionPlan({}, ["sessionManager", "stepFunctions"]);
    const sent = await runOneOff(both, [{ name: "MODE", value: "manual" }]);
    // ECS takes KeyValuePair in PascalCase (Step Functions ECS integration; issue 21 §1).
    assert.deepStrictEqual(sent, [
      { Name: "MODE", Value: "manual" },
      { Name: "FA_ONE_OFF", Value: "1" },
    ]);
    assert.deepStrictEqual(await runOneOff(both), [{ Name: "FA_ONE_OFF", Value: "1" }]);
    const alone = await plan(stackConfig({ "fargate-access:strategies": ["stepFunctions"] }));
    assert.doesNotMatch(
      String(resourceNamed(alone, "step-functions-state-machine").inputs.definition),
      /FA_ONE_OFF/,
    );
  });

  it("plans the prod stack offline, and its state machine would not register one-off tasks", async () => {
    const config = Object.fromEntries(
      Object.entries(readStackConfigFile("prod")).map(([key, value]) => {
        try {
          return [key, JSON.parse(value)];
        } catch {
          return [key, value];
        }
      }),
    );
    const prod = await plan(config, "prod");
    assert.deepStrictEqual(prod.outputs.strategies, ["sessionManager", "stepFunctions"]);
    assert.deepStrictEqual(await runOneOff(prod), [{ Name: "FA_ONE_OFF", Value: "1" }]);
  });
  it("creates nothing of Session Manager when it is not selected", async () => {
    const other = await plan(stackConfig({ "fargate-access:strategies": ["stepFunctions"] }));
    assert.deepStrictEqual(
      other.resources.filter((r) => r.name.startsWith("session-manager")).map((r) => r.name),
      [],
    );
    const [container] = containersOf(other);
    assert.strictEqual(container.entryPoint, undefined);
  });
});

/**
 * Validates the stack's state machine with the ASL validator, runs it locally with the ECS
 * integration stubbed, and returns the environment the RunTask call would override.
 */
async function runOneOff(
  run: OfflineRun,
  environment?: { name: string; value: string }[],
): Promise<{ Name: string; Value: string }[]> {
  const definition = JSON.parse(
    String(resourceNamed(run, "step-functions-state-machine").inputs.definition),
  );
  const { isValid, errorsText } = aslValidator(definition);
  assert.ok(isValid, errorsText("\n"));
  const sent: { Environment: { Name: string; Value: string }[] }[] = [];
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
  const execution = machine.run(
    { commands: ["php", "artisan", "batch:x"], ...(environment ? { environment } : {}) },
    {
      overrides: {
        taskResourceLocalHandlers: {
          [RUN_TASK_STATE]: (input) => {
            const parameters = input as { Overrides: { ContainerOverrides: never[] } };
            sent.push(parameters.Overrides.ContainerOverrides[0]);
            return { TaskArn: "arn:task", StoppedReason: "done", Containers: [{ ExitCode: 0 }] };
          },
        },
      },
    },
  );
  await execution.result;
  return sent[0].Environment;
}
