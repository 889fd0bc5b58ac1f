import * as assert from "assert";
import { OfflineRun } from "../../offline/runOffline";
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

function sessionPlan(sessionManager: Record<string, unknown> = {}): Promise<OfflineRun> {
  return plan(
    stackConfig({
      "fargate-access:strategies": ["sessionManager"],
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

  it("creates an activation role only SSM of this account can assume, with the core policy", () => {
    const role = resourceNamed(run, "session-manager-activation-role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "ssm.amazonaws.com" });
    assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals, {
      "aws:SourceAccount": "123456789012",
    });
    const attachment = resourceNamed(run, "session-manager-activation-core");
    assert.strictEqual(
      attachment.inputs.policyArn,
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    );
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

  it("gives the task role exactly what the entry point needs, PassRole only to SSM", () => {
    const policy = resourceNamed(run, "session-manager-task-policy");
    assert.deepStrictEqual(allowedActions(policy), [
      "iam:PassRole",
      "ssm:CreateActivation",
      "ssm:DeleteActivation",
      "ssmmessages:CreateControlChannel",
      "ssmmessages:CreateDataChannel",
      "ssmmessages:OpenControlChannel",
      "ssmmessages:OpenDataChannel",
    ]);
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

  it("wraps the container command with the entry point and tells it the role and tags", () => {
    const [container] = containersOf(run);
    assert.deepStrictEqual(container.entryPoint, ["/usr/local/bin/fargate-access-entrypoint"]);
    assert.deepStrictEqual(container.command, ["crond", "-f"]);
    const environment = Object.fromEntries(
      (container.environment ?? []).map((e) => [e.name, e.value]),
    );
    assert.strictEqual(environment.FA_STACK_TAG, STACK_TAG);
    assert.strictEqual(environment.FA_ACTIVATION_EXPIRY_HOURS, "24");
    assert.strictEqual(environment.FA_TASK_TAG_NAME, "fargate-access:task-arn");
    assert.ok(String(environment.FA_ACTIVATION_ROLE).startsWith("session-manager-activation-role"));
    assert.strictEqual(resourceNamed(run, "workload-service").inputs.enableExecuteCommand, true);
  });

  it("opens the endpoints the hybrid agent talks to", () => {
    const services = resourcesOfType(run, "aws:ec2/vpcEndpoint:VpcEndpoint")
      .map((endpoint) => String(endpoint.inputs.serviceName).split(".").pop())
      .sort();
    for (const service of ["ec2messages", "ssm", "ssmmessages"]) {
      assert.ok(services.includes(service), `${service} endpoint missing: ${services}`);
    }
  });

  it("runs the cleanup function on Node.js 22 with a DLQ, one at a time, on both triggers", () => {
    const fn = resourceNamed(run, "session-manager-cleanup-function");
    assert.strictEqual(fn.inputs.runtime, "nodejs22.x");
    assert.strictEqual(fn.inputs.reservedConcurrentExecutions, 1);
    const queue = resourceNamed(run, "session-manager-cleanup-dlq");
    assert.ok(String((fn.inputs.deadLetterConfig as { targetArn: string }).targetArn).length > 0);
    assert.strictEqual(queue.inputs.sqsManagedSseEnabled, true);
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    assert.strictEqual(variables.STACK_TAG_VALUE, STACK_TAG);
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
    const permissions = resourcesOfType(run, "aws:lambda/permission:Permission");
    assert.deepStrictEqual(
      permissions.map((p) => p.inputs.principal),
      ["events.amazonaws.com", "events.amazonaws.com"],
    );
    assert.strictEqual(resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 2);
    assert.strictEqual(
      resourceNamed(run, "session-manager-cleanup-logs").inputs.retentionInDays,
      30,
    );
  });

  it("lets the cleanup function deregister only this stack's instances", () => {
    const policy = resourceNamed(run, "session-manager-cleanup-policy");
    assert.deepStrictEqual(allowedActions(policy), [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "sqs:SendMessage",
      "ssm:DeleteActivation",
      "ssm:DeregisterManagedInstance",
      "ssm:DescribeActivations",
      "ssm:DescribeInstanceInformation",
    ]);
    const deregister = statementsOf(policy).find((s) =>
      s.Action.includes("ssm:DeregisterManagedInstance"),
    );
    assert.deepStrictEqual(deregister?.Resource, [
      "arn:aws:ssm:ap-northeast-1:123456789012:managed-instance/*",
    ]);
    assert.deepStrictEqual(deregister?.Condition, {
      StringEquals: { "ssm:resourceTag/fargate-access:stack": STACK_TAG },
    });
  });

  it("lets operators start sessions on this stack's instances only", async () => {
    const role = resourceNamed(run, "session-manager-operator-role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { AWS: [OPERATOR] });
    const statements = statementsOf(resourceNamed(run, "session-manager-operator-policy"));
    assert.deepStrictEqual(statements.find((s) => s.Sid === "RunShellScriptDocument")?.Resource, [
      "arn:aws:ssm:ap-northeast-1::document/AWS-RunShellScript",
    ]);
    const start = statements.find((s) => s.Sid === "SessionsAndCommandsOnThisStack");
    assert.deepStrictEqual(start?.Condition?.StringEquals, {
      "ssm:resourceTag/fargate-access:stack": STACK_TAG,
    });
    assert.deepStrictEqual(statements.find((s) => s.Sid === "EndOwnSessions")?.Resource, [
      "arn:aws:ssm:ap-northeast-1:123456789012:session/${aws:userid}-*",
    ]);
    const withoutOperators = await sessionPlan();
    assert.deepStrictEqual(
      withoutOperators.resources.filter((r) => r.name.startsWith("session-manager-operator")),
      [],
    );
    assert.match(String(withoutOperators.outputs.sessionManagerOperatorRoleArn), /^none: set/);
  });

  it("outputs the role, the function and a start-session command, and never a code", () => {
    assert.match(String(run.outputs.sessionManagerActivationRoleArn), /^arn:aws:iam::/);
    assert.strictEqual(
      run.outputs.sessionManagerCleanupFunctionName,
      "fargate-access-test-ssm-cleanup",
    );
    assert.match(
      String(run.outputs.sessionManagerStartCommand),
      /Key=tag:fargate-access:stack,Values=fargate-access\/test.*aws ssm start-session.*--document-name AWS-RunShellScript/,
    );
    assert.doesNotMatch(JSON.stringify(run.outputs), /ActivationCode|activation-code/i);
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
