import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { SFNClient } from "@aws-sdk/client-sfn";
import { STSClient } from "@aws-sdk/client-sts";
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { main } from "../../scripts/task";
import { startAwsWireServer, throttleFirst } from "../fakes/awsJsonServer";
import { FakeLogs, createFakeLogs } from "../fakes/logs";
import { FakeRun, FakeSfn, createFakeSfn } from "../fakes/sfn";
import { createFakeSts } from "../fakes/sts";
import {
  OPERATOR_KEY,
  STACK,
  STACK_DEFINITION,
  captureIo,
  fakeAwsEnv,
  outputsFile,
  stackOutputs,
  useRealSdkSend,
  withFakeAws,
} from "../helpers/operatorHarness";

const LINES = ["batch: start", "batch: 1/3", "batch: 2/3", "batch: 3/3", "batch: done"];

/** Every fake SFN a test made, closed after it so no local run outlives its test. */
const opened: FakeSfn[] = [];

function fakes(run: FakeRun, logPageSize = 2) {
  const logs: FakeLogs = createFakeLogs(logPageSize);
  logs.createGroup(STACK.logGroup);
  const sfn: FakeSfn = createFakeSfn({
    stateMachineArn: STACK.stateMachineArn,
    definition: STACK_DEFINITION,
    logs,
    logGroupName: STACK.logGroup,
    containerName: STACK.container,
    runFor: () => run,
    // More lines per poll than fit in a log page: each poll must read several pages.
    linesPerPoll: 3,
    historyPageSize: 2,
  });
  opened.push(sfn);
  const sts = createFakeSts([STACK.sfnOperatorRole]);
  return { logs, sfn, sts };
}

async function runTask(
  f: ReturnType<typeof fakes>,
  argv: string[],
  options: Parameters<typeof captureIo>[0] = {},
) {
  const aws = await withFakeAws({
    states: f.sfn.service,
    logs: f.logs.service,
    sts: f.sts.service,
  });
  const capture = captureIo(options);
  try {
    const file = outputsFile(stackOutputs());
    const code = await main(["--stack", "dev", "--outputs", file, ...argv], capture.io);
    return { code, ...capture, trail: aws.server.trail };
  } finally {
    await aws.stop();
  }
}

const onlyExecution = (sfn: FakeSfn) => {
  assert.strictEqual(sfn.executions.size, 1, "exactly one execution started");
  return [...sfn.executions.values()][0];
};

describe("npm run task (real SDK against the local AWS endpoint)", () => {
  useRealSdkSend([SFNClient, CloudWatchLogsClient, STSClient]);
  afterEach(() => opened.splice(0).forEach((sfn) => sfn.close()));

  it("streams every log line once, in order, across log pages, and exits 0 on success", async () => {
    const f = fakes({ logLines: LINES, exitCode: 0 });
    const result = await runTask(f, ["--env", "MODE=full", "--", "php", "artisan", "batch:x"]);
    assert.strictEqual(result.code, 0, result.stderr());
    const execution = onlyExecution(f.sfn);
    assert.deepStrictEqual(JSON.parse(execution.input), {
      commands: ["php", "artisan", "batch:x"],
      environment: [{ name: "MODE", value: "full" }],
    });
    assert.strictEqual(execution.status, "SUCCEEDED");
    // What the real definition handed ECS (checked against the RunTask request shape on the way).
    const [parameters] = execution.local.runTaskCalls as {
      Overrides: { ContainerOverrides: Record<string, unknown>[] };
    }[];
    assert.deepStrictEqual(parameters.Overrides.ContainerOverrides, [
      {
        Name: STACK.container,
        Command: ["php", "artisan", "batch:x"],
        Environment: [
          { Name: "MODE", Value: "full" },
          { Name: "FA_ONE_OFF", Value: "1" },
        ],
      },
    ]);
    const printed = result.stdout().split("\n");
    assert.deepStrictEqual(
      printed.filter((line) => line.startsWith("batch:")),
      LINES,
    );
    assert.match(
      result.stdout(),
      new RegExp(`Started ${execution.executionArn.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    );
    assert.match(
      result.stdout(),
      /console: https:\/\/ap-northeast-1\.console\.aws\.amazon\.com\/states\/home\?region=ap-northeast-1#\/v2\/executions\/details\/arn:aws:states:/,
    );
    assert.match(result.stdout(), /Run succeeded: the container exited with code 0/);
  });

  it("exits with the container's exit code and prints the cause and stopped reason", async () => {
    const f = fakes({
      logLines: ["oops"],
      exitCode: 3,
      stoppedReason: "Essential container in task exited",
    });
    const result = await runTask(f, ["--", "false"]);
    assert.strictEqual(result.code, 3);
    assert.strictEqual(onlyExecution(f.sfn).status, "FAILED");
    assert.match(result.stdout(), /^oops$/m);
    assert.match(result.stderr(), /Run FAILED: the container exited with code 3\./);
    assert.match(result.stderr(), /stopped reason: Essential container in task exited/);
  });

  it("exits 1 with the stopped reason when the task never started", async () => {
    const reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s)";
    const f = fakes({ logLines: [], exitCode: null, stoppedReason: reason });
    const result = await runTask(f, ["--", "true"]);
    assert.strictEqual(result.code, 1);
    assert.match(result.stderr(), /did not report an exit code \(it may never have started\)/);
    assert.match(result.stderr(), /error: TaskStopped/);
    assert.ok(result.stderr().includes(`stopped reason: ${reason}`));
  });

  it("rides out throttling (ThrottlingException, then success) without starting twice", async () => {
    const f = fakes({ logLines: LINES, exitCode: 0 });
    f.sfn.service = throttleFirst(f.sfn.service, "StartExecution", 1);
    f.sfn.service = throttleFirst(f.sfn.service, "GetExecutionHistory", 1);
    f.logs.service = throttleFirst(f.logs.service, "GetLogEvents", 1);
    const result = await runTask(f, ["--", "echo", "hi"]);
    assert.strictEqual(result.code, 0, result.stderr());
    onlyExecution(f.sfn);
    assert.deepStrictEqual(
      result
        .stdout()
        .split("\n")
        .filter((l) => l.startsWith("batch:")),
      LINES,
    );
  });

  it("with --assume-operator-role, starts the run as the stack's operator role", async () => {
    const f = fakes({ logLines: [], exitCode: 0 });
    const result = await runTask(f, ["--assume-operator-role", "--", "true"]);
    assert.strictEqual(result.code, 0, result.stderr());
    assert.strictEqual(f.sts.sessions.length, 1);
    const [session] = f.sts.sessions;
    assert.strictEqual(session.roleArn, STACK.sfnOperatorRole);
    assert.match(session.roleSessionName, /^fargate-access-/);
    const starts = result.trail.filter((c) => c.operation === "StartExecution");
    assert.deepStrictEqual(
      starts.map((c) => c.accessKeyId),
      [session.accessKeyId],
    );
    assert.ok(
      result.trail.filter((c) => c.service !== "sts").every((c) => c.accessKeyId !== OPERATOR_KEY),
    );
  });

  it("explains an operator role that is not configured, or that STS refuses", async () => {
    const none =
      "none: set fargate-access:stepFunctions.operatorPrincipals to create an operator role";
    const noRole = captureIo();
    const file = outputsFile(stackOutputs({ stepFunctionsOperatorRoleArn: none }));
    const args = ["--stack", "dev", "--outputs", file, "--assume-operator-role", "--", "true"];
    assert.strictEqual(await main(args, noRole.io), 1);
    assert.match(
      noRole.stderr(),
      /no stepFunctionsOperatorRoleArn output \(none: set .*\); set fargate-access:stepFunctions\.operatorPrincipals/,
    );

    const f = fakes({ logLines: [], exitCode: 0 });
    f.sts = createFakeSts([]);
    const refused = await runTask(f, ["--assume-operator-role", "--", "true"]);
    assert.strictEqual(refused.code, 1);
    assert.match(
      refused.stderr(),
      /STS refused arn:aws:iam::123456789012:user\/operator the operator role .* with source identity "operator" without MFA \(.*sts:AssumeRole.*\)[\s\S]*"Operator identity"/,
    );
    assert.strictEqual(f.sfn.executions.size, 0);
  });

  it("--no-wait --json prints one JSON result and leaves the run going", async () => {
    const f = fakes({ logLines: LINES, exitCode: 0 });
    const result = await runTask(f, ["--no-wait", "--json", "--", "true"]);
    assert.strictEqual(result.code, 0);
    const printed = JSON.parse(result.stdout());
    assert.strictEqual(printed.executionArn, onlyExecution(f.sfn).executionArn);
    assert.strictEqual(onlyExecution(f.sfn).status, "RUNNING");
  });

  it("--json keeps stdout to one result (log lines go to stderr)", async () => {
    const f = fakes({ logLines: LINES, exitCode: 2 });
    const result = await runTask(f, ["--json", "--", "true"]);
    assert.strictEqual(result.code, 2);
    const printed = JSON.parse(result.stdout());
    assert.strictEqual(printed.status, "FAILED");
    assert.strictEqual(printed.containerExitCode, 2);
    assert.ok(printed.taskArn.startsWith("arn:aws:ecs:"));
    assert.match(result.stderr(), /batch: done/);
  });

  it("Ctrl-C, confirmed, stops the execution and exits 130", async () => {
    const f = fakes({ logLines: LINES, exitCode: 0 }, 1);
    const result = await runTask(f, ["--", "true"], { confirm: true, ctrlCOn: "batch: 1/3" });
    assert.strictEqual(result.code, 130);
    const execution = onlyExecution(f.sfn);
    assert.strictEqual(execution.status, "ABORTED");
    assert.strictEqual(execution.error, "StoppedByOperator");
  });

  it("Ctrl-C, not confirmed, keeps following the run", async () => {
    const f = fakes({ logLines: LINES, exitCode: 0 }, 1);
    const result = await runTask(f, ["--", "true"], { confirm: false, ctrlCOn: "batch: 1/3" });
    assert.strictEqual(result.code, 0);
    assert.strictEqual(onlyExecution(f.sfn).status, "SUCCEEDED");
    assert.match(result.stderr(), /Still following the run/);
  });

  it("explains a stack without stepFunctions and a missing command, without a stack trace", async () => {
    const noSfn = captureIo();
    const file = outputsFile(stackOutputs({ strategies: ["ecsExec"], stateMachineArn: undefined }));
    assert.strictEqual(
      await main(["--stack", "dev", "--outputs", file, "--", "true"], noSfn.io),
      1,
    );
    assert.match(
      noSfn.stderr(),
      /does not select stepFunctions \(strategies: ecsExec\); add it to fargate-access:strategies/,
    );
    const noCommand = captureIo();
    assert.strictEqual(await main(["--stack", "dev", "--outputs", file], noCommand.io), 1);
    assert.match(noCommand.stderr(), /no command to run: put it after --/);
    assert.doesNotMatch(noSfn.stderr() + noCommand.stderr(), /\n\s+at /);
  });

  it("runs as a separate process too (node bin/scripts/task.js --no-wait --json)", async () => {
    const f = fakes({ logLines: [], exitCode: 0 });
    const server = await startAwsWireServer({ states: f.sfn.service });
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          path.join(PROJECT_ROOT, "bin", "scripts", "task.js"),
          "--stack",
          "dev",
          "--outputs",
          outputsFile(stackOutputs()),
          "--no-wait",
          "--json",
          "--",
          "true",
        ],
        { env: { ...process.env, AWS_PROFILE: "", ...fakeAwsEnv(server.endpoint) } },
      );
      assert.strictEqual(JSON.parse(stdout).executionArn, onlyExecution(f.sfn).executionArn);
    } finally {
      await server.close();
    }
  });
});
