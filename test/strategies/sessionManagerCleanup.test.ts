import { ECSClient } from "@aws-sdk/client-ecs";
import { SSMClient } from "@aws-sdk/client-ssm";
import * as assert from "assert";
import { mockClient } from "aws-sdk-client-mock";
import * as vm from "vm";
import { bundleCleanupHandler } from "../../strategies/sessionManager/bundleHandler";
import {
  handler,
  runCleanup,
  settingsFromEnvironment,
} from "../../strategies/sessionManager/cleanup/handler";
import {
  RetryPolicy,
  backoffDelay,
  isRetryable,
  isThrottling,
  withRetry,
} from "../../strategies/sessionManager/cleanup/retry";
import {
  CleanupClients,
  CleanupSettings,
  cleanUpStoppedTask,
  sweepStack,
} from "../../strategies/sessionManager/cleanup/ssmCleanup";
import { bindFakeToMock } from "../fakes/bindMock";
import { FakeEcsState, FakeTaskStatus, emptyEcsState, fakeEcs } from "../fakes/ecs";
import { FakeAwsError, FakeOperation, FakeService } from "../fakes/fakeService";
import { FakeManagedInstance, FakeSsmState, emptySsmState, fakeSsm } from "../fakes/ssm";

const CLUSTER = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/c";
const SETTINGS: CleanupSettings = {
  stackTagValue: "fargate-access/dev",
  activationRoleName: "activation-role",
  clusterArn: CLUSTER,
  staleAfterHours: 0,
};
const ENV = {
  STACK_TAG_VALUE: SETTINGS.stackTagValue,
  ACTIVATION_ROLE_NAME: SETTINGS.activationRoleName,
  CLUSTER_ARN: CLUSTER,
};

const taskArn = (id: string) => `arn:aws:ecs:ap-northeast-1:123456789012:task/c/${id}`;

/** One account's SSM and ECS, as the fakes hold them. */
class Account {
  readonly ssm: FakeSsmState = emptySsmState();
  readonly ecs: FakeEcsState = emptyEcsState();

  /** A task of this cluster and the managed instance it registered (tags copied from its activation). */
  task(
    id: string,
    status: FakeTaskStatus | "forgotten",
    ping: FakeManagedInstance["PingStatus"],
    options: { stack?: string; lastPing?: Date } = {},
  ): string {
    const arn = taskArn(id);
    if (status !== "forgotten") {
      this.ecs.tasks.set(arn, { taskArn: arn, clusterArn: CLUSTER, lastStatus: status });
    }
    this.ssm.instances.set(`mi-${id}`, {
      InstanceId: `mi-${id}`,
      PingStatus: ping,
      LastPingDateTime: options.lastPing ?? new Date(),
      IamRole: SETTINGS.activationRoleName,
      Tags: [
        { Key: "fargate-access:stack", Value: options.stack ?? SETTINGS.stackTagValue },
        { Key: "fargate-access:task-arn", Value: arn },
      ],
    });
    return arn;
  }

  activation(id: string, task: string, state: { expired?: boolean; used?: boolean } = {}) {
    this.ssm.activations.set(id, {
      ActivationId: id,
      IamRole: SETTINGS.activationRoleName,
      Expired: state.expired ?? false,
      RegistrationLimit: 1,
      RegistrationsCount: state.used ? 1 : 0,
      Tags: [
        { Key: "fargate-access:stack", Value: SETTINGS.stackTagValue },
        { Key: "fargate-access:task-arn", Value: task },
      ],
    });
  }

  instanceIds(): string[] {
    return [...this.ssm.instances.keys()].sort();
  }
}

/** Wraps one operation of a fake so that its first calls fail with the given errors. */
function failingFirst(service: FakeService, operation: string, errors: FakeAwsError[]) {
  const original = service[operation] as FakeOperation;
  let calls = 0;
  return {
    ...service,
    [operation]: (input: Record<string, unknown>) => {
      const error = errors[calls++];
      if (error) throw error;
      return original(input);
    },
  };
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

function stoppedEvent(task: string, cluster = CLUSTER, lastStatus = "STOPPED") {
  return {
    source: "aws.ecs",
    "detail-type": "ECS Task State Change",
    detail: { clusterArn: cluster, taskArn: task, lastStatus },
  };
}

describe("Session Manager cleanup against strict SSM and ECS fakes", () => {
  const ssmMock = mockClient(SSMClient);
  const ecsMock = mockClient(ECSClient);
  const clients: CleanupClients = {
    ssm: new SSMClient({ region: "ap-northeast-1" }),
    ecs: new ECSClient({ region: "ap-northeast-1" }),
  };
  let account: Account;
  const bind = (
    ssm: FakeService = fakeSsm(account.ssm),
    ecs: FakeService = fakeEcs(account.ecs),
  ) => {
    bindFakeToMock(ssmMock, ssm);
    bindFakeToMock(ecsMock, ecs);
  };
  const savedEnv = { ...process.env };
  const consoleLog = console.log;
  beforeEach(() => {
    console.log = () => undefined; // the handler logs its summary line

    ssmMock.reset();
    ecsMock.reset();
    account = new Account();
    bind();
    Object.assign(process.env, ENV);
  });
  afterEach(() => {
    console.log = consoleLog;
    process.env = { ...savedEnv };
  });

  describe("the fake encodes SSM's rules", () => {
    it("rejects a tag filter mixed with another filter type, as DescribeInstanceInformation does", () => {
      const ssm = fakeSsm(account.ssm);
      assert.throws(
        () =>
          ssm.DescribeInstanceInformation({
            Filters: [
              { Key: "tag:fargate-access:stack", Values: ["fargate-access/dev"] },
              { Key: "PingStatus", Values: ["ConnectionLost"] },
            ],
          }),
        (error: FakeAwsError) =>
          error.code === "ValidationException" && /Cannot mix tag/.test(error.message),
      );
      assert.throws(() => ssm.DescribeInstanceInformation({ MaxResults: 51 }), /between 5 and 50/);
      assert.throws(() => ssm.DescribeInstanceInformation({ NextToken: "made-up" }), /token/);
    });

    it("answers DescribeTasks for unknown tasks with MISSING failures, not an error", () => {
      const stopped = account.task("aaa", "STOPPED", "ConnectionLost");
      const result = fakeEcs(account.ecs).DescribeTasks({
        cluster: CLUSTER,
        tasks: [stopped, taskArn("gone")],
      }) as { tasks: { lastStatus: string }[]; failures: { reason: string }[] };
      assert.deepStrictEqual(
        result.tasks.map((t) => t.lastStatus),
        ["STOPPED"],
      );
      assert.deepStrictEqual(
        result.failures.map((f) => f.reason),
        ["MISSING"],
      );
    });
  });

  describe("after a task stopped (through the Lambda handler)", () => {
    it("deregisters the task's instance and deletes only its activation", async () => {
      const stopped = account.task("stopped", "STOPPED", "ConnectionLost");
      const running = account.task("running", "RUNNING", "Online");
      account.activation("act-stopped", stopped);
      account.activation("act-running", running);

      const summary = await handler(stoppedEvent(stopped));

      assert.deepStrictEqual(account.instanceIds(), ["mi-running"]);
      assert.deepStrictEqual([...account.ssm.activations.keys()], ["act-running"]);
      assert.strictEqual(summary.deregistered, 1);
      assert.strictEqual(summary.deleted, 1);
    });

    it("treats an instance another invocation already deregistered as done, and does not throw", async () => {
      const stopped = account.task("stopped", "STOPPED", "ConnectionLost");
      const ssm = fakeSsm(account.ssm);
      bind({
        ...ssm,
        // The scheduled sweep wins the race between our listing and our deregistration.
        DeregisterManagedInstance: (input) => {
          account.ssm.instances.delete(String(input.InstanceId));
          return ssm.DeregisterManagedInstance(input);
        },
      });
      const summary = await handler(stoppedEvent(stopped));
      assert.strictEqual(summary.alreadyGone, 1);
      assert.strictEqual(summary.failed, 0);
      assert.deepStrictEqual(account.instanceIds(), []);
    });

    it("ignores events of another cluster and tasks that are not stopped", async () => {
      const stopped = account.task("stopped", "STOPPED", "ConnectionLost");
      const lines: string[] = [];
      for (const event of [
        stoppedEvent(stopped, "arn:aws:ecs:ap-northeast-1:123456789012:cluster/x"),
        stoppedEvent(stopped, CLUSTER, "RUNNING"),
      ]) {
        const summary = await runCleanup(event, clients, SETTINGS, (line) => lines.push(line));
        assert.strictEqual(summary.counted, 0);
      }
      assert.deepStrictEqual(account.instanceIds(), ["mi-stopped"]);
      assert.strictEqual(lines.length, 2);
    });
  });

  describe("scheduled sweep (through the Lambda handler)", () => {
    it("deregisters exactly the lost instances whose task stopped or is unknown to ECS", async () => {
      account.task("stopped", "STOPPED", "ConnectionLost");
      account.task("forgotten", "forgotten", "ConnectionLost");
      account.task("running", "RUNNING", "ConnectionLost");
      account.task("online", "RUNNING", "Online");
      account.task("prod", "forgotten", "ConnectionLost", { stack: "fargate-access/prod" });
      // Enough healthy instances that the stack's list spans several pages of 50.
      for (let i = 0; i < 120; i++) account.task(`healthy${i}`, "RUNNING", "Online");

      const summary = await handler({ source: "aws.events", "detail-type": "Scheduled Event" });

      const left = account.instanceIds();
      assert.ok(!left.includes("mi-stopped") && !left.includes("mi-forgotten"), `${left}`);
      for (const kept of ["mi-running", "mi-online", "mi-prod", "mi-healthy0", "mi-healthy119"]) {
        assert.ok(left.includes(kept), `${kept} was deregistered`);
      }
      assert.strictEqual(left.length, 123);
      assert.strictEqual(summary.trigger, "schedule");
      assert.strictEqual(summary.deregistered, 2);
      assert.strictEqual(summary.keptRunning, 1);
    });

    it("deletes expired or used-up activations of this stack only", async () => {
      const task = account.task("t", "RUNNING", "Online");
      account.activation("act-expired", task, { expired: true });
      account.activation("act-used", task, { used: true });
      account.activation("act-pending", task);
      account.activation("act-prod", task, { expired: true });
      const prod = account.ssm.activations.get("act-prod");
      if (prod) prod.Tags = [{ Key: "fargate-access:stack", Value: "fargate-access/prod" }];
      const summary = await handler({ source: "aws.events" });
      assert.deepStrictEqual([...account.ssm.activations.keys()].sort(), [
        "act-pending",
        "act-prod",
      ]);
      assert.strictEqual(summary.deleted, 2);
    });

    it("deregisters a running task's instance only after staleAfterHours of silence", async () => {
      const now = new Date("2026-01-01T12:00:00Z");
      account.task("silent", "RUNNING", "ConnectionLost", {
        lastPing: new Date("2026-01-01T01:00:00Z"),
      });
      account.task("recent", "RUNNING", "ConnectionLost", {
        lastPing: new Date("2026-01-01T11:00:00Z"),
      });
      const summary = await sweepStack(
        clients,
        { ...SETTINGS, staleAfterHours: 6 },
        instantRetry(),
        now,
      );
      assert.deepStrictEqual(account.instanceIds(), ["mi-recent"]);
      assert.strictEqual(summary.keptRunning, 1);
      assert.strictEqual(
        settingsFromEnvironment({ ...ENV, STALE_AFTER_HOURS: "6" }).staleAfterHours,
        6,
      );
    });

    it("judges nothing when ECS cannot be asked, and fails the invocation for a retry", async () => {
      account.task("stopped", "STOPPED", "ConnectionLost");
      bind(fakeSsm(account.ssm), {
        DescribeTasks: () => {
          throw new FakeAwsError("AccessDeniedException", "not allowed");
        },
      });
      await assert.rejects(
        runCleanup({ source: "aws.events" }, clients, SETTINGS, () => undefined),
        /ecs:DescribeTasks: AccessDeniedException/,
      );
      assert.deepStrictEqual(account.instanceIds(), ["mi-stopped"]);
    });
  });

  describe("retries", () => {
    it("retries throttling and transient server errors with growing back-off, then succeeds", async () => {
      const stopped = account.task("stopped", "STOPPED", "ConnectionLost");
      bind(
        failingFirst(fakeSsm(account.ssm), "DescribeInstanceInformation", [
          new FakeAwsError("ThrottlingException", "Rate exceeded"),
          new FakeAwsError("InternalServerError", "An error occurred on the server side.", 500),
        ]),
      );
      const waits: number[] = [];
      const summary = await cleanUpStoppedTask(clients, SETTINGS, stopped, instantRetry(waits));
      assert.strictEqual(summary.deregistered, 1);
      assert.deepStrictEqual(waits, [50, 100]);
    });

    it("counts a failure, names it in the summary, keeps going, and fails the invocation", async () => {
      const first = account.task("first", "STOPPED", "ConnectionLost");
      account.task("second", "STOPPED", "ConnectionLost");
      const ssm = fakeSsm(account.ssm);
      bind({
        ...ssm,
        DeregisterManagedInstance: (input) => {
          if (input.InstanceId === "mi-first")
            throw new FakeAwsError("AccessDeniedException", "no");
          return ssm.DeregisterManagedInstance(input);
        },
      });
      const lines: string[] = [];
      await assert.rejects(
        runCleanup({ source: "aws.events" }, clients, SETTINGS, (line) => lines.push(line)),
        /Cleanup failed for 1 item\(s\): mi-first: AccessDeniedException/,
      );
      assert.deepStrictEqual(account.instanceIds(), ["mi-first"]);
      assert.strictEqual(JSON.parse(lines[0]).deregistered, 1);
      void first;
    });
  });

  it("names a missing or bad environment variable", () => {
    assert.throws(
      () => settingsFromEnvironment({ STACK_TAG_VALUE: "a/b", CLUSTER_ARN: "arn" }),
      /ACTIVATION_ROLE_NAME/,
    );
    assert.throws(() => settingsFromEnvironment({ ...ENV, STALE_AFTER_HOURS: "-1" }), /-1/);
    assert.deepStrictEqual(settingsFromEnvironment(ENV), SETTINGS);
  });
});

describe("retry classification", () => {
  const awsError = (name: string, status = 400, extra: object = {}) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });

  it("recognises throttling by name, status and the SDK's retry hint", () => {
    assert.ok(isThrottling(awsError("ThrottlingException")));
    assert.ok(isThrottling(awsError("Whatever", 429)));
    assert.ok(isThrottling({ name: "X", $retryable: { throttling: true } }));
    assert.ok(!isThrottling(awsError("AccessDeniedException")));
    assert.ok(!isThrottling(undefined));
  });

  it("retries server faults and network errors, not client errors", () => {
    assert.ok(isRetryable(awsError("InternalServerError", 500, { $fault: "server" })));
    assert.ok(isRetryable(awsError("Unknown", 503)));
    assert.ok(isRetryable(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })));
    assert.ok(isRetryable(awsError("TimeoutError", 0)));
    assert.ok(!isRetryable(awsError("ValidationException")));
    assert.ok(!isRetryable(awsError("InvalidInstanceId")));
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
      withRetry(async () => {
        calls++;
        throw awsError("ThrottlingException");
      }, instantRetry()),
      /ThrottlingException/,
    );
    assert.strictEqual(calls, 4);
    calls = 0;
    await assert.rejects(
      withRetry(async () => {
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
