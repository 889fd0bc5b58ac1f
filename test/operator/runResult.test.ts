import * as assert from "assert";
import { buildContainerDefinition } from "../../components/containerDefinition";
import {
  containerLogStream,
  describeOutcome,
  executionConsoleUrl,
  executionInput,
  runOutcome,
  submittedTask,
} from "../../strategies/stepFunctions/runResult";

const TASK = "arn:aws:ecs:ap-northeast-1:123456789012:task/fargate-access-dev/0123abcd";
const EXECUTION = "arn:aws:states:ap-northeast-1:123456789012:execution:m:run-1";

const submitted = (taskArn: string, id: number) => ({
  id,
  timestamp: new Date(),
  type: "TaskSubmitted" as const,
  taskSubmittedEventDetails: {
    resourceType: "ecs",
    resource: "runTask.sync",
    output: JSON.stringify({ Tasks: [{ TaskArn: taskArn, Containers: [{ Name: "app" }] }] }),
  },
});

describe("run results (pure)", () => {
  it("links the execution in the console of the region's partition", () => {
    const arn = (partition: string, region: string) =>
      `arn:${partition}:states:${region}:123456789012:execution:m:run-1`;
    assert.strictEqual(
      executionConsoleUrl("ap-northeast-1", EXECUTION),
      `https://ap-northeast-1.console.aws.amazon.com/states/home?region=ap-northeast-1#/v2/executions/details/${EXECUTION}`,
    );
    assert.match(
      executionConsoleUrl("cn-north-1", arn("aws-cn", "cn-north-1")),
      /^https:\/\/console\.amazonaws\.cn\/states\/home\?region=cn-north-1#/,
    );
    assert.match(
      executionConsoleUrl("us-gov-west-1", arn("aws-us-gov", "us-gov-west-1")),
      /^https:\/\/console\.amazonaws-us-gov\.com\/states\/home\?region=us-gov-west-1#/,
    );
  });

  it("builds the state machine input, leaving out an empty environment", () => {
    assert.strictEqual(
      executionInput(["sh", "-c", "echo 'a b'"], []),
      '{"commands":["sh","-c","echo \'a b\'"]}',
    );
    assert.deepStrictEqual(
      JSON.parse(executionInput(["x"], [{ name: "A", value: "1" }])).environment,
      [{ name: "A", value: "1" }],
    );
  });

  it("finds the task the run submitted, the latest one after a retry", () => {
    assert.strictEqual(submittedTask([]), undefined);
    const events = [
      submitted(`${TASK}-first`, 3),
      { id: 4, timestamp: new Date(), type: "TaskFailed" as const },
      submitted(TASK, 5),
    ];
    assert.deepStrictEqual(submittedTask(events), { taskArn: TASK, containerName: "app" });
  });

  it("names the awslogs stream the container definition's prefix produces", () => {
    const definition = buildContainerDefinition({
      name: "app",
      image: "nginx",
      environment: {},
      logGroupName: "g",
      region: "ap-northeast-1",
    });
    const prefix = definition.logConfiguration.options["awslogs-stream-prefix"];
    assert.strictEqual(containerLogStream("app", TASK), `${prefix}/app/0123abcd`);
  });

  it("reads the exit code from a .sync success output (DescribeTasks shape)", () => {
    const output = JSON.stringify({
      TaskArn: TASK,
      StoppedReason: "Essential container in task exited",
      Containers: [
        { Name: "sidecar", ExitCode: 9 },
        { Name: "app", ExitCode: 0 },
      ],
    });
    const outcome = runOutcome({ executionArn: EXECUTION, status: "SUCCEEDED", output }, "app");
    assert.strictEqual(outcome.exitCode, 0);
    assert.strictEqual(outcome.taskArn, TASK);
    assert.match(describeOutcome(outcome), /exited with code 0/);
  });

  it("reads today's ResultSelector output ({TaskArn, ExitCode, StoppedReason})", () => {
    const output = JSON.stringify({ TaskArn: TASK, ExitCode: 0, StoppedReason: "done" });
    assert.strictEqual(
      runOutcome({ executionArn: EXECUTION, status: "SUCCEEDED", output }).exitCode,
      0,
    );
  });

  it("exits with the container's code from a JSON cause, or from a text cause", () => {
    const cause = JSON.stringify({
      TaskArn: TASK,
      StoppedReason: "Essential container in task exited",
      Containers: [{ Name: "app", ExitCode: 4 }],
    });
    const json = runOutcome(
      { executionArn: EXECUTION, status: "FAILED", error: "NonZeroExitCode", cause },
      "app",
    );
    assert.deepStrictEqual(
      [json.exitCode, json.stoppedReason],
      [4, "Essential container in task exited"],
    );
    const text = runOutcome({
      executionArn: EXECUTION,
      status: "FAILED",
      error: "NonZeroExitCode",
      cause: `Container exited with code 5 (task ${TASK}, stopped: x)`,
    });
    assert.strictEqual(text.exitCode, 5);
  });

  it("reads the task, stopped reason and code from our definition's own Fail causes (definition.ts)", () => {
    const exited = runOutcome({
      executionArn: EXECUTION,
      status: "FAILED",
      error: "NonZeroExitCode",
      cause: `Container exited with code 3; stopped reason: Essential container in task exited; task: ${TASK}`,
    });
    assert.deepStrictEqual(
      [exited.exitCode, exited.stoppedReason, exited.taskArn],
      [3, "Essential container in task exited", TASK],
    );
    const stopped = runOutcome({
      executionArn: EXECUTION,
      status: "FAILED",
      error: "TaskStopped",
      cause: `Task stopped before the container exited; stopped reason: CannotPullContainerError: denied; task: ${TASK}`,
    });
    assert.deepStrictEqual(
      [stopped.exitCode, stopped.containerExitCode, stopped.stoppedReason, stopped.taskArn],
      [1, null, "CannotPullContainerError: denied", TASK],
    );
  });

  it("exits 1 when no container code exists (never started, timed out, aborted)", () => {
    const cause = JSON.stringify({
      TaskArn: TASK,
      StoppedReason: "CannotPullContainerError: denied",
      Containers: [{ Name: "app" }],
    });
    const failed = runOutcome(
      { executionArn: EXECUTION, status: "FAILED", error: "States.TaskFailed", cause },
      "app",
    );
    assert.deepStrictEqual([failed.exitCode, failed.containerExitCode], [1, null]);
    assert.match(describeOutcome(failed), /stopped reason: CannotPullContainerError: denied/);
    for (const status of ["TIMED_OUT", "ABORTED"] as const) {
      assert.strictEqual(runOutcome({ executionArn: EXECUTION, status }, "app", TASK).exitCode, 1);
    }
    // A failure whose container exited 0 (e.g. a later state failed) still exits non-zero.
    const zero = JSON.stringify({ Containers: [{ Name: "app", ExitCode: 0 }] });
    assert.strictEqual(
      runOutcome({ executionArn: EXECUTION, status: "FAILED", cause: zero }).exitCode,
      1,
    );
  });
});
