import * as assert from "assert";
import { OfflineRun } from "../../offline/runOffline";
import { CLI_OPERATIONS, runFakeAwsCli } from "../fakes/awsCli";
import { FakeTask, execReadyTask, fakeEcs } from "../fakes/ecs";
import { FakeService } from "../fakes/fakeService";
import { FakeManagedInstance, emptySsmState, fakeSsm } from "../fakes/ssm";
import { runWithFakeAwsCli } from "../helpers/fakeAwsCli";
import { plan, stackConfig } from "../helpers/offlinePlan";

/**
 * The printed commands, run in `sh` against the model of the AWS CLI (test/fakes/awsCli.ts:
 * paging and `--query` per page with text output, from aws-cli's formatter.py) and the strict
 * fakes, with more results than one page holds.
 */

const STACK_TAG = "fargate-access/test";

function task(cluster: string, service: string, id: string, lastStatus: FakeTask["lastStatus"]) {
  const t: FakeTask = execReadyTask(cluster, service, id);
  t.lastStatus = lastStatus;
  if (lastStatus !== "RUNNING") {
    t.containers = [{ name: "app", lastStatus: "PENDING", managedAgents: [] }];
  }
  return t;
}

function managedInstance(id: string, ping: FakeManagedInstance["PingStatus"]): FakeManagedInstance {
  return {
    InstanceId: id,
    PingStatus: ping,
    ResourceType: "ManagedInstance",
    Tags: [{ Key: "fargate-access:stack", Value: STACK_TAG }],
  };
}

function ssmWith(instances: FakeManagedInstance[]): FakeService {
  const state = emptySsmState();
  for (const i of instances) state.instances.set(i.InstanceId, i);
  return fakeSsm(state);
}

describe("printed commands (sh + a model of the AWS CLI's paging)", function () {
  this.timeout(120_000);
  let exec: OfflineRun;
  let session: OfflineRun;
  before(async () => {
    exec = await plan(stackConfig({ "fargate-access:strategies": ["ecsExec", "stepFunctions"] }));
    session = await plan(stackConfig({ "fargate-access:strategies": ["sessionManager"] }));
  });

  describe("the CLI model (aws-cli awscli/formatter.py and text.py)", () => {
    it("queries each page on its own with --output text, the whole result with --output json", async () => {
      const ssm = ssmWith(
        Array.from({ length: 25 }, (_, i) =>
          managedInstance(`mi-${String(i).padStart(3, "0")}`, "Online"),
        ),
      );
      const firstOnline = (output: string) =>
        runWithFakeAwsCli(
          `aws ssm describe-instance-information --query 'InstanceInformationList[0].InstanceId' --output ${output}`,
          { ssm },
        );
      const text = await firstOnline("text");
      // 25 instances, pages of 10 (the request's default): one answer per page.
      assert.strictEqual(text.stdout, "mi-000\nmi-010\nmi-020\n", text.stderr);
      const json = await firstOnline("json");
      assert.strictEqual(json.stdout, '"mi-000"\n', json.stderr);
    });

    it("prints scalars as Python does and nothing for an empty list (text.py)", async () => {
      const { formatText } = await import("../fakes/awsCli");
      assert.strictEqual(formatText(null), "None\n");
      assert.strictEqual(formatText([]), "");
      assert.strictEqual(formatText(["a", "b"]), "a\tb\n");
      assert.strictEqual(formatText({ b: 1, a: true, l: ["x"] }), "True\t1\nL\tx\n");
    });

    it("refuses what it does not model, and usage errors, as the CLI does (exit 252)", async () => {
      assert.strictEqual((await runFakeAwsCli(["ecs", "list-services"])).code, 252);
      assert.strictEqual(
        (await runFakeAwsCli(["ecs", "describe-tasks", "--cluster", "c", "--tasks"])).code,
        252,
      );
    });
  });

  describe("ecsExecCommand", () => {
    const cluster = () => String(exec.outputs.clusterName);
    const service = () => String(exec.outputs.serviceName);

    function ecsWith(tasks: FakeTask[]): FakeService {
      return fakeEcs({ tasks: new Map(tasks.map((t) => [t.taskArn, t])) });
    }

    it("enters the one RUNNING task behind 150 still PENDING (two ListTasks pages)", async () => {
      const pending = Array.from({ length: 150 }, (_, i) =>
        task(cluster(), service(), `pending${i}`, "PENDING"),
      );
      const ready = task(cluster(), service(), "ready", "RUNNING");
      const run = await runWithFakeAwsCli(String(exec.outputs.ecsExecCommand), {
        ecs: ecsWith([...pending, ready]),
      });
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepStrictEqual(
        run.sessions.map((s) => [s.command, s.input.task, s.input.container]),
        [["ecs execute-command", ready.taskArn, "app"]],
      );
    });

    it("skips a RUNNING task whose exec agent is not RUNNING yet", async () => {
      const starting = task(cluster(), service(), "starting", "RUNNING");
      starting.containers = [
        {
          name: "app",
          lastStatus: "RUNNING",
          managedAgents: [{ name: "ExecuteCommandAgent", lastStatus: "PENDING" }],
        },
      ];
      const ready = task(cluster(), service(), "ready", "RUNNING");
      const run = await runWithFakeAwsCli(String(exec.outputs.ecsExecCommand), {
        ecs: ecsWith([starting, ready]),
      });
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepStrictEqual(
        run.sessions.map((s) => s.input.task),
        [ready.taskArn],
      );
    });

    it("says no task is ready, and opens nothing, while every task is PENDING", async () => {
      const run = await runWithFakeAwsCli(String(exec.outputs.ecsExecCommand), {
        ecs: ecsWith([task(cluster(), service(), "p", "PENDING")]),
      });
      assert.notStrictEqual(run.code, 0);
      assert.deepStrictEqual(run.sessions, []);
      assert.match(run.stderr, /no task of .* is RUNNING with its ExecuteCommandAgent RUNNING/);
    });
  });

  describe("sessionManagerStartCommand", () => {
    const command = () => String(session.outputs.sessionManagerStartCommand);
    const [startSession, sendCommand] = [
      () => command().split("   # or, to run one command: ")[0],
      () => command().split("   # or, to run one command: ")[1],
    ];

    it("starts a session on the one Online instance behind 120 lost ones (13 pages of 10)", async () => {
      const lost = Array.from({ length: 120 }, (_, i) =>
        managedInstance(`mi-lost${String(i).padStart(3, "0")}`, "ConnectionLost"),
      );
      const run = await runWithFakeAwsCli(startSession(), {
        ssm: ssmWith([...lost, managedInstance("mi-online", "Online")]),
      });
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepStrictEqual(
        run.sessions.map((s) => [s.command, s.input.Target, s.input.DocumentName]),
        [["ssm start-session", "mi-online", "fargate-access-test-shell"]],
      );
    });

    it("runs one command on it with Run Command, and prints the command id", async () => {
      const lost = Array.from({ length: 15 }, (_, i) =>
        managedInstance(`mi-lost${i}`, "ConnectionLost"),
      );
      const run = await runWithFakeAwsCli(sendCommand(), {
        ssm: ssmWith([...lost, managedInstance("mi-online", "Online")]),
      });
      assert.strictEqual(run.code, 0, run.stderr);
      assert.strictEqual(run.stdout, "command-mi-online\n");
    });

    it("says no instance is Online, and opens nothing", async () => {
      const run = await runWithFakeAwsCli(startSession(), {
        ssm: ssmWith([managedInstance("mi-lost", "ConnectionLost")]),
      });
      assert.notStrictEqual(run.code, 0);
      assert.deepStrictEqual(run.sessions, []);
      assert.match(run.stderr, /no managed instance of fargate-access\/test is Online/);
    });
  });

  it("queries a paginated answer with --output text only where one page is the whole answer", () => {
    const commands = [
      String(exec.outputs.ecsExecCommand),
      String(exec.outputs.stepFunctionsStartCommand),
      String(session.outputs.sessionManagerStartCommand),
    ];
    for (const line of commands) {
      for (const call of line.split(/(?=\baws )/).filter((c) => c.startsWith("aws "))) {
        const [, service, operation] = call.split(/\s+/);
        const spec = CLI_OPERATIONS[`${service} ${operation}`];
        assert.ok(
          spec,
          `the CLI model knows aws ${service} ${operation} (add it, with its source)`,
        );
        if (/--output text/.test(call) && /--query/.test(call) && spec.paginator) {
          // One line per page (formatter.py): fine only when the query maps each page to what
          // the next command takes whatever the number of lines (list-tasks into xargs).
          assert.match(call, /^aws ecs list-tasks .*--query taskArns --output text/, call);
        }
      }
    }
  });
});
