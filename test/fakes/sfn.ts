import { randomUUID } from "crypto";
import { fakeRunTaskSync } from "./ecsRunTaskSync";
import { FakeAwsError, FakeService } from "./fakeService";
import { LocalExecution, LocalOutcome, startLocalExecution } from "./localStateMachine";
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
  linesWritten: number;
  /** The real definition running in the local interpreter. */
  local: LocalExecution;
  /** The ECS task the run started and has not finished yet: the interpreter waits on it. */
  pendingTask?: { parameters: Record<string, unknown>; settle(): void; cancel(): void };
}

export interface FakeSfnOptions {
  stateMachineArn: string;
  /** The state machine's real definition (`buildRunTaskDefinition`, as the component deploys it). */
  definition: object;
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
  /** Ends the local interpreter's runs still going (their status is left as the test saw it). */
  close(): void;
}

/**
 * Step Functions running the real run-task definition (strategies/stepFunctions/definition.ts)
 * in the local interpreter, with the ECS task stubbed: its Parameters must pass the RunTask
 * contract (test/fakes/ecsRunTaskContract.ts, else the run fails with `States.Runtime`), then
 * the container writes `linesPerPoll` log lines each time the execution is described and ends as
 * `runFor(input)` says (test/fakes/ecsRunTaskSync.ts raises what `runTask.sync` raises). Status,
 * output, error and cause are what the definition produced. API rules, each from the Step
 * Functions API Reference:
 * - StartExecution: unknown machine → StateMachineDoesNotExist; input must be JSON of at most
 *   256 KiB → InvalidExecutionInput.
 * - DescribeExecution/GetExecutionHistory/StopExecution: unknown ARN → ExecutionDoesNotExist.
 * - GetExecutionHistory pages by `maxResults` (default 100, max 1000) and an opaque `nextToken`;
 *   a token from elsewhere → InvalidToken.
 * - TaskScheduled's `parameters` are the resolved Parameters; TaskSubmitted's `output` is "the
 *   response from a resource when a task has started" (the RunTask response,
 *   API_TaskSubmittedEventDetails).
 * - StopExecution ends a RUNNING execution as ABORTED (and ECS .sync then stops the task).
 * Like the service, an execution runs on its own: a DescribeExecution right after StartExecution
 * may still say RUNNING for an input the definition will refuse.
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
  const finished = (execution: Execution, outcome: LocalOutcome) => {
    if (execution.status !== "RUNNING") return;
    execution.stopDate = new Date();
    if (outcome.status === "SUCCEEDED") {
      execution.status = "SUCCEEDED";
      execution.output = JSON.stringify(outcome.output);
      event(execution, "ExecutionSucceeded", {
        executionSucceededEventDetails: { output: execution.output },
      });
    } else if (outcome.status === "FAILED") {
      execution.status = "FAILED";
      execution.error = outcome.error;
      execution.cause = outcome.cause;
      event(execution, "ExecutionFailed", {
        executionFailedEventDetails: { error: execution.error, cause: execution.cause },
      });
    }
  };
  /** The stubbed ECS task: submitted now, stopped once the container has written its lines. */
  const startTask = (execution: Execution, parameters: Record<string, unknown>) => {
    event(execution, "TaskScheduled", {
      taskScheduledEventDetails: {
        resourceType: "ecs",
        resource: "runTask.sync",
        region: "ap-northeast-1",
        parameters: JSON.stringify(parameters),
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
    const { exitCode, stoppedReason } = execution.run;
    const stop = fakeRunTaskSync(
      [
        exitCode === null
          ? { stoppedReason, stopCode: "TaskFailedToStart" }
          : { exitCode, stoppedReason },
      ],
      execution.taskArn,
    );
    return new Promise<unknown>((resolve, reject) => {
      execution.pendingTask = {
        parameters,
        settle: () => {
          execution.pendingTask = undefined;
          try {
            resolve(stop(parameters));
          } catch (error) {
            reject(error);
          }
        },
        cancel: () => {
          execution.pendingTask = undefined;
          reject(new FakeAwsError("States.Aborted", "execution stopped"));
        },
      };
    });
  };
  /** One step of the container: write the next lines; after the last, the task stops. */
  const advance = (execution: Execution) => {
    const task = execution.pendingTask;
    if (execution.status !== "RUNNING" || !task) return;
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
      // The container writes its last lines and exits: the task can stop in the same step.
      if (execution.linesWritten < logLines.length) return;
    }
    task.settle();
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
      const execution = {
        executionArn,
        stateMachineArn: options.stateMachineArn,
        input: text,
        status: "RUNNING",
        startDate: new Date(),
        events: [],
        run: options.runFor(parsed),
        taskArn: `arn:aws:ecs:ap-northeast-1:123456789012:task/${cluster}/${randomUUID().replace(/-/g, "")}`,
        linesWritten: 0,
      } as Omit<Execution, "local"> as Execution;
      executions.set(executionArn, execution);
      event(execution, "ExecutionStarted", { executionStartedEventDetails: { input: text } });
      execution.local = startLocalExecution(options.definition, parsed as never, (parameters) =>
        startTask(execution, parameters),
      );
      void execution.local.outcome.then((outcome) => finished(execution, outcome));
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
        execution.local.abort();
        execution.pendingTask?.cancel();
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
  const close = () => {
    for (const execution of executions.values()) {
      execution.local.abort();
      execution.pendingTask?.cancel();
    }
  };
  return { service, executions, close };
}
