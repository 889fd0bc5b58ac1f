import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { StackOutputs } from "../../lib/stackOutputs";
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  HistoryEvent,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { UsageError } from "../../offline/stackFiles";
import type { TaskSupport } from "../../operator/taskSupport";
import { TaskArgs } from "../../operator/operatorArgs";
import { CommandIo, sleep } from "../../operator/io";
import { LogTail } from "../../operator/logTail";
import { Progress } from "../../operator/progress";
import {
  RunOutcome,
  SubmittedTask,
  containerLogStream,
  describeOutcome,
  executionConsoleUrl,
  executionInput,
  runOutcome,
  submittedTask,
} from "./runResult";
import { AwsSession, clientConfig } from "../../operator/session";

/** Exit code after the operator stopped the run with Ctrl-C (128 + SIGINT, as shells do). */
const STOPPED_BY_OPERATOR = 130;

export interface RunTaskClients {
  sfn: SFNClient;
  logs: CloudWatchLogsClient;
}

export function createRunTaskClients(session: AwsSession): RunTaskClients {
  const config = clientConfig(session);
  return { sfn: new SFNClient(config), logs: new CloudWatchLogsClient(config) };
}

/** The state machine ARN, or a UsageError that says how to get one. */
function stateMachineOf(outputs: StackOutputs, stack: string): string {
  if (!outputs.strategies.includes("stepFunctions") || !outputs.stepFunctionsStateMachineArn) {
    throw new UsageError(
      `stack ${stack} does not select stepFunctions (strategies: ${outputs.strategies.join(", ")}); add it to fargate-access:strategies and run pulumi up.`,
    );
  }
  return outputs.stepFunctionsStateMachineArn;
}

/** `npm run task` through the state machine. */
export const stepFunctionsTask: TaskSupport = {
  run: (args, outputs, session, io) =>
    runTaskCommand(args, outputs, session, createRunTaskClients(session), io),
};

async function executionHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, includeExecutionData: true }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/**
 * `npm run task`: starts the state machine with the command, then (unless `--no-wait`) follows
 * the run, streaming the task's log lines, and returns the exit code the command should end with.
 */
export async function runTaskCommand(
  args: TaskArgs,
  outputs: StackOutputs,
  session: AwsSession,
  clients: RunTaskClients,
  io: CommandIo,
): Promise<number> {
  const stateMachineArn = stateMachineOf(outputs, args.stack);
  const notes = args.json ? io.stderr : io.stdout;
  const started = await clients.sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      input: executionInput(args.command, args.environment),
    }),
  );
  const executionArn = started.executionArn ?? "";
  const consoleUrl = executionConsoleUrl(session.region, executionArn);
  notes(`Started ${executionArn}\n  console: ${consoleUrl}\n`);
  if (!args.wait) {
    if (args.json)
      io.stdout(`${JSON.stringify({ executionArn, consoleUrl, status: "RUNNING" })}\n`);
    return 0;
  }
  if (!outputs.containerLogGroupName) {
    notes(
      "(no containerLogGroupName output: the task's log lines cannot be streamed; update the stack to get it)\n",
    );
  }

  const follower = new RunFollower(
    clients,
    executionArn,
    outputs.containerLogGroupName,
    io,
    args.json,
  );
  const outcome = await follower.follow();
  if (args.json) {
    io.stdout(`${JSON.stringify({ ...outcome, consoleUrl }, null, 2)}\n`);
  } else {
    const text = describeOutcome(outcome);
    (outcome.exitCode === 0 ? io.stdout : io.stderr)(`${text}\n`);
  }
  return follower.stoppedByOperator ? STOPPED_BY_OPERATOR : outcome.exitCode;
}

/** Polls one execution until it ends, streaming the task's log lines and drawing progress. */
class RunFollower {
  stoppedByOperator = false;
  private task?: SubmittedTask;
  private tail?: LogTail;
  private readonly progress: Progress;
  private confirming = false;

  constructor(
    private readonly clients: RunTaskClients,
    private readonly executionArn: string,
    private readonly logGroupName: string | undefined,
    private readonly io: CommandIo,
    private readonly json: boolean,
  ) {
    this.progress = new Progress(io, Date.now(), !json);
  }

  async follow(): Promise<RunOutcome> {
    const release = this.io.onInterrupt(() => void this.interrupted());
    try {
      for (;;) {
        const execution = await this.clients.sfn.send(
          new DescribeExecutionCommand({ executionArn: this.executionArn }),
        );
        await this.findTask();
        await this.printNewLines();
        if (execution.status !== "RUNNING" && execution.status !== "PENDING_REDRIVE") {
          // CloudWatch Logs may index the last lines a moment after the task stopped.
          if (this.tail) {
            await sleep(this.io.pollMs);
            await this.printNewLines();
          }
          this.progress.clear();
          return runOutcome(execution, this.task?.containerName, this.task?.taskArn);
        }
        this.progress.update(
          `${execution.status} ${this.task ? `task ${this.task.taskArn.split("/").pop()}` : "waiting for the task to be placed"}`,
        );
        await sleep(this.io.pollMs);
      }
    } finally {
      release();
    }
  }

  /** Ctrl-C: confirm, then stop the execution; Step Functions then stops the task it runs. */
  private async interrupted(): Promise<void> {
    if (this.confirming || this.stoppedByOperator) return;
    this.confirming = true;
    this.progress.clear();
    try {
      const yes = await this.io.confirm(`Stop ${this.executionArn} and its task? [y/N] `);
      if (!yes) {
        this.io.stderr("Still following the run (Ctrl-C again to stop it).\n");
        return;
      }
      await this.clients.sfn.send(
        new StopExecutionCommand({
          executionArn: this.executionArn,
          error: "StoppedByOperator",
          cause: "Stopped with Ctrl-C from npm run task",
        }),
      );
      this.stoppedByOperator = true;
      this.io.stderr("Stopping the run…\n");
    } finally {
      this.confirming = false;
    }
  }

  private async findTask(): Promise<void> {
    // Until the first task is known, and while the run might retry RunTask with a new task.
    const task = submittedTask(await executionHistory(this.clients.sfn, this.executionArn));
    if (!task || task.taskArn === this.task?.taskArn) return;
    this.progress.clear();
    (this.json ? this.io.stderr : this.io.stdout)(
      `${this.task ? "Run retried in" : "Task"} ${task.taskArn}\n`,
    );
    this.task = task;
    if (this.logGroupName && task.containerName) {
      this.tail = new LogTail(
        this.clients.logs,
        this.logGroupName,
        containerLogStream(task.containerName, task.taskArn),
      );
    }
  }

  private async printNewLines(): Promise<void> {
    const lines = (await this.tail?.poll()) ?? [];
    if (lines.length === 0) return;
    this.progress.clear();
    const write = this.json ? this.io.stderr : this.io.stdout;
    write(`${lines.join("\n")}\n`);
  }
}
