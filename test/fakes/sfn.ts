import { randomUUID } from "crypto";
import { FakeAwsError, FakeService } from "./fakeService";
import { FakeLogs } from "./logs";

/** How the one-off task of a run behaves. */
export interface FakeRun {
  /** Lines the container writes, `linesPerPoll` at a time. */
  logLines: string[];
  /** The container's exit code; `null` when the task never started (nothing ran). */
  exitCode: number | null;
  /** ECS `stoppedReason` of the task. */
  stoppedReason?: string;
}

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  input: string;
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  events: Record<string, unknown>[];
  run: FakeRun;
  taskArn: string;
  ticks: number;
  linesWritten: number;
}

export interface FakeSfnOptions {
  stateMachineArn: string;
  /** Where the task's container writes: the workload's awslogs group and container name. */
  logs: FakeLogs;
  logGroupName: string;
  containerName: string;
  /** The behaviour of the run a given input starts. */
  runFor(input: { commands: string[]; environment?: { name: string; value: string }[] }): FakeRun;
  linesPerPoll?: number;
  /** GetExecutionHistory page size when the caller sets no maxResults (AWS: 100). */
  historyPageSize?: number;
}

export interface FakeSfn {
  service: FakeService;
  executions: Map<string, Execution>;
}

/**
 * Step Functions running our run-task state machine (strategies/stepFunctions/definition.ts) with a fake
 * ECS: the execution advances one step each time it is described. API rules, each from the
 * Step Functions API Reference:
 * - StartExecution: unknown machine → StateMachineDoesNotExist; input must be JSON of at most
 *   256 KiB → InvalidExecutionInput.
 * - DescribeExecution/GetExecutionHistory/StopExecution: unknown ARN → ExecutionDoesNotExist.
 * - GetExecutionHistory pages by `maxResults` (default 100, max 1000) and an opaque `nextToken`;
 *   a token from elsewhere → InvalidToken.
 * - TaskSubmitted's `output` is "the response from a resource when a task has started" (the
 *   RunTask response, API_TaskSubmittedEventDetails).
 * - StopExecution ends a RUNNING execution as ABORTED (and ECS .sync then stops the task).
 * The end states follow our definition: success outputs the stopped task (DescribeTasks shape);
 * a non-zero exit fails the execution with a JSON cause naming the task, its exit code and
 * stopped reason; a task that never started fails the .sync task with the same shape, no code.
 */
export function createFakeSfn(options: FakeSfnOptions): FakeSfn {
  const executions = new Map<string, Execution>();
  const linesPerPoll = options.linesPerPoll ?? 2;
  const find = (input: Record<string, unknown>) => {
    const execution = executions.get(String(input.executionArn));
    if (!execution) {
      throw new FakeAwsError(
        "ExecutionDoesNotExist",
        `Execution Does Not Exist: '${String(input.executionArn)}'`,
      );
    }
    return execution;
  };
  const event = (execution: Execution, type: string, details: Record<string, unknown> = {}) => {
    const id = execution.events.length + 1;
    execution.events.push({ id, previousEventId: id - 1, timestamp: new Date(), type, ...details });
  };
  const stoppedTask = (execution: Execution) => ({
    TaskArn: execution.taskArn,
    LastStatus: "STOPPED",
    StopCode: execution.run.exitCode === null ? "TaskFailedToStart" : "EssentialContainerExited",
    StoppedReason: execution.run.stoppedReason ?? "Essential container in task exited",
    Containers: [
      {
        Name: options.containerName,
        LastStatus: "STOPPED",
        ...(execution.run.exitCode === null ? {} : { ExitCode: execution.run.exitCode }),
      },
    ],
  });
  const finish = (execution: Execution) => {
    execution.stopDate = new Date();
    const task = stoppedTask(execution);
    if (execution.run.exitCode === 0) {
      execution.status = "SUCCEEDED";
      execution.output = JSON.stringify(task);
      event(execution, "ExecutionSucceeded", {
        executionSucceededEventDetails: { output: execution.output },
      });
      return;
    }
    execution.status = "FAILED";
    execution.error = execution.run.exitCode === null ? "States.TaskFailed" : "NonZeroExitCode";
    execution.cause = JSON.stringify(task);
    event(execution, "ExecutionFailed", {
      executionFailedEventDetails: { error: execution.error, cause: execution.cause },
    });
  };
  const advance = (execution: Execution) => {
    if (execution.status !== "RUNNING") return;
    execution.ticks++;
    if (execution.ticks === 1) {
      event(execution, "TaskScheduled", {
        taskScheduledEventDetails: {
          resourceType: "ecs",
          resource: "runTask.sync",
          region: "ap-northeast-1",
          parameters: "{}",
        },
      });
      event(execution, "TaskSubmitted", {
        taskSubmittedEventDetails: {
          resourceType: "ecs",
          resource: "runTask.sync",
          output: JSON.stringify({
            Failures: [],
            Tasks: [
              {
                TaskArn: execution.taskArn,
                LastStatus: "PROVISIONING",
                Containers: [{ Name: options.containerName, LastStatus: "PENDING" }],
              },
            ],
          }),
        },
      });
      return;
    }
    const { logLines, exitCode } = execution.run;
    if (exitCode !== null && execution.linesWritten < logLines.length) {
      const lines = logLines.slice(execution.linesWritten, execution.linesWritten + linesPerPoll);
      const taskId = execution.taskArn.split("/").pop();
      options.logs.write(
        options.logGroupName,
        `${options.containerName}/${options.containerName}/${taskId}`,
        lines,
      );
      execution.linesWritten += lines.length;
      // The container writes its last lines and exits: the run can end in the same step.
      if (execution.linesWritten < logLines.length) return;
    }
    finish(execution);
  };

  const service: FakeService = {
    StartExecution: (input) => {
      if (input.stateMachineArn !== options.stateMachineArn) {
        throw new FakeAwsError(
          "StateMachineDoesNotExist",
          `State Machine Does Not Exist: '${String(input.stateMachineArn)}'`,
        );
      }
      const text = String(input.input ?? "{}");
      let parsed: Parameters<FakeSfnOptions["runFor"]>[0];
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new FakeAwsError(
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: 'not JSON'",
        );
      }
      if (Buffer.byteLength(text) > 262_144) {
        throw new FakeAwsError("InvalidExecutionInput", "input exceeds 262144 bytes");
      }
      const name = String(input.name ?? randomUUID());
      const executionArn = `${options.stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
      if (executions.has(executionArn)) {
        throw new FakeAwsError(
          "ExecutionAlreadyExists",
          `Execution Already Exists: '${executionArn}'`,
        );
      }
      const cluster = "fargate-access-dev";
      const execution: Execution = {
        executionArn,
        stateMachineArn: options.stateMachineArn,
        input: text,
        status: "RUNNING",
        startDate: new Date(),
        events: [],
        run: options.runFor(parsed),
        taskArn: `arn:aws:ecs:ap-northeast-1:123456789012:task/${cluster}/${randomUUID().replace(/-/g, "")}`,
        ticks: 0,
        linesWritten: 0,
      };
      executions.set(executionArn, execution);
      event(execution, "ExecutionStarted", { executionStartedEventDetails: { input: text } });
      event(execution, "TaskStateEntered", { stateEnteredEventDetails: { name: "RunTask" } });
      return { executionArn, startDate: execution.startDate };
    },
    DescribeExecution: (input) => {
      const execution = find(input);
      advance(execution);
      const { executionArn, stateMachineArn, status, startDate, stopDate, output, error, cause } =
        execution;
      return {
        executionArn,
        stateMachineArn,
        status,
        startDate,
        stopDate,
        input: execution.input,
        output,
        error,
        cause,
      };
    },
    GetExecutionHistory: (input) => {
      const execution = find(input);
      const size = Number(input.maxResults ?? options.historyPageSize ?? 100);
      if (size < 0 || size > 1000) {
        throw new FakeAwsError("ValidationException", "maxResults must be between 0 and 1000");
      }
      const token = input.nextToken as string | undefined;
      const match = token === undefined ? undefined : /^page:(.+):(\d+)$/.exec(token);
      if (token !== undefined && (!match || match[1] !== execution.executionArn)) {
        throw new FakeAwsError("InvalidToken", `Invalid Token: '${token}'`);
      }
      const start = match ? Number(match[2]) : 0;
      const events = execution.events.slice(start, start + (size || 100));
      const end = start + events.length;
      return {
        events,
        ...(end < execution.events.length
          ? { nextToken: `page:${execution.executionArn}:${end}` }
          : {}),
      };
    },
    StopExecution: (input) => {
      const execution = find(input);
      if (execution.status === "RUNNING") {
        execution.status = "ABORTED";
        execution.stopDate = new Date();
        execution.error = input.error as string | undefined;
        execution.cause = input.cause as string | undefined;
        event(execution, "ExecutionAborted", {
          executionAbortedEventDetails: { error: execution.error, cause: execution.cause },
        });
      }
      return { stopDate: execution.stopDate };
    },
  };
  return { service, executions };
}
