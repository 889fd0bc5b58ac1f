import {
  DeleteActivationCommand,
  DeregisterManagedInstanceCommand,
  DescribeActivationsCommand,
  DescribeInstanceInformationCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import * as assert from "assert";
import { mockClient } from "aws-sdk-client-mock";
import * as vm from "vm";
import { bundleCleanupHandler } from "../../components/strategies/sessionManager/bundleHandler";
import {
  runCleanup,
  settingsFromEnvironment,
} from "../../components/strategies/sessionManager/cleanup/handler";
import {
  RetryPolicy,
  backoffDelay,
  isThrottling,
  withThrottleRetry,
} from "../../components/strategies/sessionManager/cleanup/retry";
import {
  CleanupSettings,
  cleanUpStoppedTask,
  sweepStack,
} from "../../components/strategies/sessionManager/cleanup/ssmCleanup";

const SETTINGS: CleanupSettings = {
  stackTagValue: "fargate-access/dev",
  activationRoleName: "activation-role",
  clusterArn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/c",
};
const TASK = "arn:aws:ecs:ap-northeast-1:123456789012:task/c/0123456789abcdef";
const OTHER_TASK = "arn:aws:ecs:ap-northeast-1:123456789012:task/c/fedcba9876543210";

function tags(stack: string, task: string) {
  return [
    { Key: "fargate-access:stack", Value: stack },
    { Key: "fargate-access:task-arn", Value: task },
  ];
}

function awsError(name: string, status = 400): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}

/** Retries at once, recording the back-offs it would have waited. */
function instantRetry(waits: number[] = []): RetryPolicy {
  return {
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  };
}

function stoppedEvent(cluster = SETTINGS.clusterArn, lastStatus = "STOPPED") {
  return {
    source: "aws.ecs",
    "detail-type": "ECS Task State Change",
    detail: { clusterArn: cluster, taskArn: TASK, lastStatus },
  };
}

describe("Session Manager cleanup", () => {
  const ssm = mockClient(SSMClient);
  const client = new SSMClient({ region: "ap-northeast-1" });
  beforeEach(() => ssm.reset());

  describe("after a task stopped", () => {
    it("deregisters the task's instances across pages and deletes only its activation", async () => {
      ssm
        .on(DescribeInstanceInformationCommand)
        .resolvesOnce({ InstanceInformationList: [{ InstanceId: "mi-1" }], NextToken: "page2" })
        .resolvesOnce({ InstanceInformationList: [{ InstanceId: "mi-2" }] });
      ssm.on(DescribeActivationsCommand).resolves({
        ActivationList: [
          { ActivationId: "act-mine", Tags: tags(SETTINGS.stackTagValue, TASK) },
          { ActivationId: "act-other-task", Tags: tags(SETTINGS.stackTagValue, OTHER_TASK) },
          { ActivationId: "act-other-stack", Tags: tags("fargate-access/prod", TASK) },
        ],
      });
      ssm.on(DeregisterManagedInstanceCommand).resolves({});
      ssm.on(DeleteActivationCommand).resolves({});

      const summary = await cleanUpStoppedTask(client, SETTINGS, TASK, instantRetry());

      assert.deepStrictEqual(summary, {
        trigger: "task-stopped",
        counted: 3,
        deregistered: 2,
        deleted: 1,
        alreadyGone: 0,
        failed: 0,
        failures: [],
      });
      const describeCalls = ssm.commandCalls(DescribeInstanceInformationCommand);
      assert.strictEqual(describeCalls[1].args[0].input.NextToken, "page2");
      assert.deepStrictEqual(describeCalls[0].args[0].input.Filters, [
        { Key: "tag:fargate-access:task-arn", Values: [TASK] },
        { Key: "tag:fargate-access:stack", Values: [SETTINGS.stackTagValue] },
      ]);
      assert.deepStrictEqual(
        ssm.commandCalls(DeregisterManagedInstanceCommand).map((c) => c.args[0].input.InstanceId),
        ["mi-1", "mi-2"],
      );
      assert.deepStrictEqual(
        ssm.commandCalls(DeleteActivationCommand).map((c) => c.args[0].input.ActivationId),
        ["act-mine"],
      );
      assert.deepStrictEqual(
        ssm.commandCalls(DescribeActivationsCommand)[0].args[0].input.Filters,
        [{ FilterKey: "IamRole", FilterValues: ["activation-role"] }],
      );
    });

    it("treats an instance or activation that is already gone as done", async () => {
      ssm
        .on(DescribeInstanceInformationCommand)
        .resolves({ InstanceInformationList: [{ InstanceId: "mi-1" }] });
      ssm.on(DescribeActivationsCommand).resolves({
        ActivationList: [{ ActivationId: "act-1", Tags: tags(SETTINGS.stackTagValue, TASK) }],
      });
      ssm.on(DeregisterManagedInstanceCommand).rejects(awsError("InvalidInstanceId"));
      ssm.on(DeleteActivationCommand).rejects(awsError("InvalidActivation"));

      const summary = await cleanUpStoppedTask(client, SETTINGS, TASK, instantRetry());
      assert.strictEqual(summary.alreadyGone, 2);
      assert.strictEqual(summary.failed, 0);
    });

    it("retries throttled calls with growing back-off, then succeeds", async () => {
      ssm
        .on(DescribeInstanceInformationCommand)
        .rejectsOnce(awsError("ThrottlingException"))
        .rejectsOnce(awsError("TooManyRequests", 429))
        .resolves({ InstanceInformationList: [{ InstanceId: "mi-1" }] });
      ssm.on(DescribeActivationsCommand).resolves({ ActivationList: [] });
      ssm.on(DeregisterManagedInstanceCommand).resolves({});
      const waits: number[] = [];

      const summary = await cleanUpStoppedTask(client, SETTINGS, TASK, instantRetry(waits));
      assert.strictEqual(summary.deregistered, 1);
      assert.deepStrictEqual(waits, [50, 100]);
      assert.strictEqual(ssm.commandCalls(DescribeInstanceInformationCommand).length, 3);
    });

    it("counts a failure, names it in the summary, and fails the invocation", async () => {
      ssm
        .on(DescribeInstanceInformationCommand)
        .resolves({ InstanceInformationList: [{ InstanceId: "mi-1" }, { InstanceId: "mi-2" }] });
      ssm.on(DescribeActivationsCommand).resolves({ ActivationList: [] });
      ssm
        .on(DeregisterManagedInstanceCommand, { InstanceId: "mi-1" })
        .rejects(awsError("AccessDeniedException"))
        .on(DeregisterManagedInstanceCommand, { InstanceId: "mi-2" })
        .resolves({});
      const lines: string[] = [];

      await assert.rejects(
        runCleanup(stoppedEvent(), client, SETTINGS, (line) => lines.push(line)),
        /Cleanup failed for 1 item\(s\): mi-1: AccessDeniedException/,
      );
      const logged = JSON.parse(lines[0]);
      assert.strictEqual(logged.deregistered, 1);
      assert.strictEqual(logged.failed, 1);
    });

    it("ignores events of another cluster and tasks that are not stopped", async () => {
      const lines: string[] = [];
      for (const event of [
        stoppedEvent("arn:aws:ecs:ap-northeast-1:123456789012:cluster/x"),
        stoppedEvent(SETTINGS.clusterArn, "RUNNING"),
      ]) {
        const summary = await runCleanup(event, client, SETTINGS, (line) => lines.push(line));
        assert.strictEqual(summary.counted, 0);
      }
      assert.strictEqual(ssm.calls().length, 0);
      assert.strictEqual(lines.length, 2);
    });
  });

  describe("scheduled sweep", () => {
    it("deregisters lost instances of this stack and deletes expired or used activations", async () => {
      ssm
        .on(DescribeInstanceInformationCommand)
        .resolves({ InstanceInformationList: [{ InstanceId: "mi-lost" }] });
      ssm.on(DescribeActivationsCommand).resolves({
        ActivationList: [
          { ActivationId: "act-expired", Expired: true, Tags: tags(SETTINGS.stackTagValue, TASK) },
          {
            ActivationId: "act-used",
            Expired: false,
            RegistrationLimit: 1,
            RegistrationsCount: 1,
            Tags: tags(SETTINGS.stackTagValue, TASK),
          },
          {
            ActivationId: "act-pending",
            Expired: false,
            RegistrationLimit: 1,
            RegistrationsCount: 0,
            Tags: tags(SETTINGS.stackTagValue, OTHER_TASK),
          },
          { ActivationId: "act-prod", Expired: true, Tags: tags("fargate-access/prod", TASK) },
        ],
      });
      ssm.on(DeregisterManagedInstanceCommand).resolves({});
      ssm.on(DeleteActivationCommand).resolves({});

      const summary = await sweepStack(client, SETTINGS, instantRetry());

      assert.deepStrictEqual(
        ssm.commandCalls(DescribeInstanceInformationCommand)[0].args[0].input.Filters,
        [
          { Key: "tag:fargate-access:stack", Values: [SETTINGS.stackTagValue] },
          { Key: "PingStatus", Values: ["ConnectionLost"] },
        ],
      );
      assert.deepStrictEqual(
        ssm.commandCalls(DeleteActivationCommand).map((c) => c.args[0].input.ActivationId),
        ["act-expired", "act-used"],
      );
      assert.strictEqual(summary.trigger, "schedule");
      assert.strictEqual(summary.deregistered, 1);
      assert.strictEqual(summary.deleted, 2);
    });

    it("runs for any event that is not a task state change and logs one JSON line", async () => {
      ssm.on(DescribeInstanceInformationCommand).resolves({});
      ssm.on(DescribeActivationsCommand).resolves({});
      const lines: string[] = [];
      const summary = await runCleanup(
        { source: "aws.events", "detail-type": "Scheduled Event" },
        client,
        SETTINGS,
        (line) => lines.push(line),
      );
      assert.strictEqual(summary.trigger, "schedule");
      assert.deepStrictEqual(JSON.parse(lines[0]), summary);
    });
  });

  it("names a missing environment variable", () => {
    assert.throws(
      () => settingsFromEnvironment({ STACK_TAG_VALUE: "a/b", CLUSTER_ARN: "arn" }),
      /ACTIVATION_ROLE_NAME/,
    );
    assert.deepStrictEqual(
      settingsFromEnvironment({
        STACK_TAG_VALUE: "a/b",
        ACTIVATION_ROLE_NAME: "r",
        CLUSTER_ARN: "arn",
      }),
      { stackTagValue: "a/b", activationRoleName: "r", clusterArn: "arn" },
    );
  });
});

describe("throttling retry", () => {
  it("recognises throttling by name, status and the SDK's retry hint", () => {
    assert.ok(isThrottling(awsError("ThrottlingException")));
    assert.ok(isThrottling(awsError("Whatever", 429)));
    assert.ok(isThrottling({ name: "X", $retryable: { throttling: true } }));
    assert.ok(!isThrottling(awsError("AccessDeniedException")));
    assert.ok(!isThrottling(undefined));
  });

  it("caps the back-off and spreads it with jitter", () => {
    const policy = { ...instantRetry(), random: () => 0.999 };
    assert.strictEqual(backoffDelay(1, policy), 99);
    assert.strictEqual(backoffDelay(3, policy), 399);
    assert.strictEqual(backoffDelay(10, policy), 999);
  });

  it("gives up after the last attempt and does not retry other errors", async () => {
    let calls = 0;
    await assert.rejects(
      withThrottleRetry(async () => {
        calls++;
        throw awsError("ThrottlingException");
      }, instantRetry()),
      /ThrottlingException/,
    );
    assert.strictEqual(calls, 4);
    calls = 0;
    await assert.rejects(
      withThrottleRetry(async () => {
        calls++;
        throw awsError("ValidationException");
      }, instantRetry()),
      /ValidationException/,
    );
    assert.strictEqual(calls, 1);
  });
});

describe("cleanup handler bundle", () => {
  it("is one CommonJS file exporting the handler, with the SDK inside and no Pulumi", () => {
    const code = bundleCleanupHandler();
    assert.doesNotMatch(code, /@pulumi\//);
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(code, {
      module,
      exports: module.exports,
      require,
      process,
      console,
      setTimeout,
      TextEncoder,
      TextDecoder,
      URL,
      Buffer,
    });
    assert.strictEqual(typeof module.exports.handler, "function");
    assert.strictEqual(bundleCleanupHandler(), code, "bundling twice gives the same code");
  });
});
