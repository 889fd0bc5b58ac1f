import { ECSClient } from "@aws-sdk/client-ecs";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { ProgramRunner } from "../../operator/shellCommand";
import { main } from "../../scripts/shell";
import { startAwsWireServer, throttleFirst } from "../fakes/awsJsonServer";
import { FakeTask, execReadyTask, fakeEcs } from "../fakes/ecs";
import { FakeService } from "../fakes/fakeService";
import { FakeManagedInstance, emptySsmState, fakeSsm } from "../fakes/ssm";
import { createFakeSts } from "../fakes/sts";
import {
  STACK,
  captureIo,
  fakeAwsEnv,
  outputsFile,
  stackOutputs,
  useRealSdkSend,
  withFakeAws,
} from "../helpers/operatorHarness";

/** A machine with (or without) the AWS CLI and the plugin; records the sessions it opens. */
function fakeMachine(installed: string[] = ["aws", "session-manager-plugin"], exitCode = 0) {
  const sessions: { program: string; args: string[]; env: NodeJS.ProcessEnv }[] = [];
  const runner: ProgramRunner = {
    onPath: (program) => installed.includes(program),
    run: async (program, args, env) => {
      sessions.push({ program, args, env });
      return exitCode;
    },
  };
  return { runner, sessions };
}

const TASK_ID = "0123456789abcdef0123456789abcdef";

function instance(
  id: string,
  ping: FakeManagedInstance["PingStatus"],
  minutesAgo: number,
  stack = "fargate-access/dev",
): FakeManagedInstance {
  return {
    InstanceId: id,
    PingStatus: ping,
    LastPingDateTime: new Date(Date.now() - minutesAgo * 60_000),
    ResourceType: "ManagedInstance",
    Tags: [{ Key: "fargate-access:stack", Value: stack }],
  };
}

async function shell(
  argv: string[],
  services: { ecs?: FakeService; ssm?: FakeService },
  machine = fakeMachine(),
  outputs = stackOutputs(),
) {
  const sts = createFakeSts([STACK.execOperatorRole, STACK.smOperatorRole]);
  const aws = await withFakeAws({ ...services, sts: sts.service });
  const capture = captureIo();
  try {
    const code = await main(
      ["--stack", "dev", "--outputs", outputsFile(outputs), ...argv],
      capture.io,
      machine.runner,
    );
    return { code, ...capture, sessions: machine.sessions, sts, trail: aws.server.trail };
  } finally {
    await aws.stop();
  }
}

const ecsWith = (...tasks: FakeTask[]) =>
  fakeEcs({ tasks: new Map(tasks.map((task) => [task.taskArn, task])) });

const ssmWith = (instances: FakeManagedInstance[]) => {
  const state = emptySsmState();
  for (const i of instances) state.instances.set(i.InstanceId, i);
  return fakeSsm(state);
};

describe("npm run shell (real SDK against the local AWS endpoint)", () => {
  useRealSdkSend([ECSClient, SSMClient, STSClient]);

  describe("ECS Exec", () => {
    it("opens aws ecs execute-command on the running task whose exec agent is RUNNING", async () => {
      const starting = execReadyTask(STACK.cluster, STACK.service, "starting");
      starting.containers[0].managedAgents[0].lastStatus = "PENDING";
      const ready = execReadyTask(STACK.cluster, STACK.service, TASK_ID);
      const result = await shell(["--command", "bash -l"], { ecs: ecsWith(starting, ready) });
      assert.strictEqual(result.code, 0, result.stderr());
      assert.strictEqual(result.sessions.length, 1);
      assert.deepStrictEqual(result.sessions[0].args, [
        "ecs",
        "execute-command",
        "--region",
        STACK.region,
        "--cluster",
        STACK.cluster,
        "--task",
        ready.taskArn,
        "--container",
        STACK.container,
        "--interactive",
        "--command",
        "bash -l",
      ]);
      assert.match(result.stderr(), /--command 'bash -l'/);
    });

    it("ends with the session's exit code", async () => {
      const ecs = ecsWith(execReadyTask(STACK.cluster, STACK.service, TASK_ID));
      const result = await shell([], { ecs }, fakeMachine(undefined, 7));
      assert.strictEqual(result.code, 7);
    });

    it("says there is no running task, and opens nothing", async () => {
      const result = await shell([], { ecs: ecsWith() });
      assert.strictEqual(result.code, 1);
      assert.match(
        result.stderr(),
        new RegExp(`service ${STACK.service} has no running task in cluster ${STACK.cluster}`),
      );
      assert.strictEqual(result.sessions.length, 0);
    });

    it("names the agent state when ECS Exec cannot start yet", async () => {
      const task = execReadyTask(STACK.cluster, STACK.service, TASK_ID);
      task.containers[0].managedAgents[0].lastStatus = "STOPPED";
      const result = await shell([], { ecs: ecsWith(task) });
      assert.strictEqual(result.code, 1);
      assert.match(result.stderr(), /ExecuteCommandAgent STOPPED.*--force-new-deployment/);
    });

    it("prints the exact command and what to install when the plugin is missing", async () => {
      const ecs = ecsWith(execReadyTask(STACK.cluster, STACK.service, TASK_ID));
      const result = await shell([], { ecs }, fakeMachine(["aws"]));
      assert.strictEqual(result.code, 1);
      assert.strictEqual(result.sessions.length, 0);
      assert.match(
        result.stderr(),
        /session-manager-plugin: install the Session Manager plugin: https:\/\/docs\.aws\.amazon\.com\/systems-manager\/latest\/userguide\/session-manager-working-with-install-plugin\.html/,
      );
      assert.match(
        result.stderr(),
        new RegExp(
          `aws ecs execute-command --region ${STACK.region} --cluster ${STACK.cluster} --task arn:aws:ecs:[^ ]+/${TASK_ID} --container app --interactive --command sh`,
        ),
      );
    });

    it("rides out throttling of ListTasks and DescribeTasks", async () => {
      let ecs = ecsWith(
        execReadyTask(STACK.cluster, STACK.service, "a"),
        execReadyTask(STACK.cluster, STACK.service, TASK_ID),
      );
      ecs = throttleFirst(throttleFirst(ecs, "ListTasks", 1), "DescribeTasks", 1);
      const result = await shell([], { ecs });
      assert.strictEqual(result.code, 0, result.stderr());
      assert.strictEqual(result.sessions.length, 1);
    });

    it("with --assume-operator-role, finds the task and opens the session as the exec operator role", async () => {
      const ecs = ecsWith(execReadyTask(STACK.cluster, STACK.service, TASK_ID));
      const result = await shell(["--assume-operator-role"], { ecs });
      assert.strictEqual(result.code, 0, result.stderr());
      const [session] = result.sts.sessions;
      assert.strictEqual(session.roleArn, STACK.execOperatorRole);
      assert.strictEqual(result.sessions[0].env.AWS_ACCESS_KEY_ID, session.accessKeyId);
      assert.strictEqual(result.sessions[0].env.AWS_SESSION_TOKEN, "fake-session-token");
      assert.ok(
        result.trail
          .filter((c) => c.service === "ecs")
          .every((c) => c.accessKeyId === session.accessKeyId),
      );
    });
  });

  describe("Session Manager", () => {
    const instances = () => [
      instance("mi-0000000000000000a", "ConnectionLost", 90),
      instance("mi-0000000000000000b", "Online", 1),
      instance("mi-0000000000000000c", "Online", 10),
      instance("mi-0000000000000000d", "Online", 0, "fargate-access/prod"),
    ];

    it("starts a session on this stack's freshest Online instance with the stack's document", async () => {
      const ssm = ssmWith(instances());
      const result = await shell(["--strategy", "sessionManager"], { ssm });
      assert.strictEqual(result.code, 0, result.stderr());
      assert.deepStrictEqual(result.sessions[0].args, [
        "ssm",
        "start-session",
        "--region",
        STACK.region,
        "--target",
        "mi-0000000000000000b",
        "--document-name",
        "fargate-access-dev-shell",
      ]);
    });

    it("falls back to the default document, saying so, when the outputs name none", async () => {
      const ssm = ssmWith(instances());
      const outputs = stackOutputs({
        sessionManagerStartCommand:
          'aws ssm start-session --target "$I"   # or: aws ssm send-command --document-name AWS-RunShellScript',
      });
      const result = await shell(["--strategy", "sessionManager"], { ssm }, fakeMachine(), outputs);
      assert.strictEqual(result.code, 0, result.stderr());
      assert.ok(!result.sessions[0].args.includes("--document-name"));
      assert.match(result.stderr(), /note: the stack's outputs name no session document/);
    });

    it("says no instance is Online (naming the ones it saw)", async () => {
      const ssm = ssmWith([instance("mi-0000000000000000a", "ConnectionLost", 90)]);
      const result = await shell(["--strategy", "sessionManager"], { ssm });
      assert.strictEqual(result.code, 1);
      assert.match(
        result.stderr(),
        /no managed instance tagged fargate-access:stack=fargate-access\/dev is Online \(1 known: mi-0000000000000000a ConnectionLost\)/,
      );
    });

    it("pages through instances and rides out throttling", async () => {
      const many = Array.from({ length: 60 }, (_, i) =>
        instance(`mi-${String(i).padStart(17, "0")}`, "ConnectionLost", 30),
      );
      many.push(instance("mi-0000000000000000z", "Online", 2));
      const ssm = throttleFirst(ssmWith(many), "DescribeInstanceInformation", 1);
      const result = await shell(["--strategy", "sessionManager"], { ssm });
      assert.strictEqual(result.code, 0, result.stderr());
      assert.ok(result.sessions[0].args.includes("mi-0000000000000000z"));
    });

    it("refuses --command, which only ECS Exec runs", async () => {
      const result = await shell(["--strategy", "sessionManager", "--command", "ls"], {});
      assert.strictEqual(result.code, 1);
      assert.match(result.stderr(), /--command works with --strategy ecsExec only/);
    });
  });

  it("refuses a strategy the stack does not select, and an unknown flag", async () => {
    const outputs = stackOutputs({ strategies: ["stepFunctions"] });
    const result = await shell([], {}, fakeMachine(), outputs);
    assert.strictEqual(result.code, 1);
    assert.match(
      result.stderr(),
      /does not select ecsExec or sessionManager \(strategies: stepFunctions\)/,
    );
    const typo = await shell(["--strategy", "ecsExec", "--comand", "ls"], {});
    assert.strictEqual(typo.code, 1);
    assert.match(
      typo.stderr(),
      /Unknown option --comand \(npm run shell\)\. Did you mean --command\?/,
    );
  });

  it("runs as a separate process too (node bin/scripts/shell.js --json, no AWS CLI on PATH)", async () => {
    const ecs = ecsWith(execReadyTask(STACK.cluster, STACK.service, TASK_ID));
    const server = await startAwsWireServer({ ecs });
    try {
      const run = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            path.join(PROJECT_ROOT, "bin", "scripts", "shell.js"),
            "--stack",
            "dev",
            "--outputs",
            outputsFile(stackOutputs()),
            "--json",
          ],
          {
            env: {
              ...process.env,
              AWS_PROFILE: "",
              PATH: "/nonexistent",
              ...fakeAwsEnv(server.endpoint),
            },
          },
          (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }),
        );
      });
      assert.strictEqual(run.code, 1);
      const plan = JSON.parse(run.stdout);
      assert.strictEqual(plan.strategy, "ecsExec");
      assert.ok(plan.target.endsWith(TASK_ID));
      assert.deepStrictEqual(
        plan.missing.map((m: { program: string }) => m.program),
        ["aws", "session-manager-plugin"],
      );
    } finally {
      await server.close();
    }
  });
});
