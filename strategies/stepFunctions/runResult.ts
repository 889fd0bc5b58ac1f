import { partitionOf } from "../../config/awsRegions";
import type { DescribeExecutionCommandOutput, HistoryEvent } from "@aws-sdk/client-sfn";
import { awslogsStreamPrefix } from "../../lib/awslogs";

/** What the state machine takes: `{commands, environment?}` (strategies/stepFunctions/definition.ts). */
export function executionInput(
  command: string[],
  environment: { name: string; value: string }[],
): string {
  return JSON.stringify(
    environment.length > 0 ? { commands: command, environment } : { commands: command },
  );
}

/**
 * The console's host in each partition: regional endpoints `REGION.console.aws.amazon.com` in
 * the commercial one ("AWS Management Console endpoints and quotas", AWS General Reference);
 * `console.amazonaws.cn` in China ("Getting Started with Amazon Web Services in China") and
 * `console.amazonaws-us-gov.com` in GovCloud ("Accessing the AWS GovCloud (US) Regions"), which
 * take the region from the `region` query parameter.
 */
const CONSOLE_HOSTS: Record<string, (region: string) => string> = {
  aws: (region) => `${region}.console.aws.amazon.com`,
  "aws-cn": () => "console.amazonaws.cn",
  "aws-us-gov": () => "console.amazonaws-us-gov.com",
};

/** The execution's page in the Step Functions console of the region's partition. */
export function executionConsoleUrl(region: string, executionArn: string): string {
  const host = (CONSOLE_HOSTS[partitionOf(region) ?? "aws"] ?? CONSOLE_HOSTS.aws)(region);
  return `https://${host}/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

/** The ECS task a run started, as the RunTask response in the execution history names it. */
export interface SubmittedTask {
  taskArn: string;
  containerName?: string;
}

type Json = Record<string, unknown>;

function field(object: unknown, name: string): unknown {
  if (typeof object !== "object" || object === null) return undefined;
  const record = object as Json;
  // Service integrations return the API's PascalCase shape; tolerate camelCase as well.
  return record[name] ?? record[name.charAt(0).toLowerCase() + name.slice(1)];
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A DescribeTasks-shaped task inside an output or a cause: the object itself, or `Tasks[0]`. */
function taskDescription(value: unknown): Json | undefined {
  const tasks = field(value, "Tasks");
  const task = Array.isArray(tasks) ? tasks[0] : value;
  return typeof task === "object" && task !== null ? (task as Json) : undefined;
}

/**
 * The latest task a run submitted. `TaskSubmitted` carries "the response from a resource when a
 * task has started" (API_TaskSubmittedEventDetails), i.e. the RunTask response. A retried RunTask
 * submits a new task, so the latest event wins.
 */
export function submittedTask(events: HistoryEvent[]): SubmittedTask | undefined {
  for (const event of [...events].reverse()) {
    if (event.type !== "TaskSubmitted") continue;
    const task = taskDescription(parseJson(event.taskSubmittedEventDetails?.output));
    const taskArn = field(task, "TaskArn");
    if (typeof taskArn !== "string") continue;
    const containers = field(task, "Containers");
    const name = Array.isArray(containers) ? field(containers[0], "Name") : undefined;
    return { taskArn, containerName: typeof name === "string" ? name : undefined };
  }
  return undefined;
}

/**
 * The awslogs stream of a task's container: `prefix/container-name/ecs-task-id` ("Using the
 * awslogs log driver", Amazon ECS Developer Guide). The task id is the ARN's last segment.
 */
export function containerLogStream(containerName: string, taskArn: string): string {
  const taskId = taskArn.split("/").pop() ?? taskArn;
  return `${awslogsStreamPrefix(containerName)}/${containerName}/${taskId}`;
}

/** How a run ended, in the terms an operator and a script need. */
export interface RunOutcome {
  executionArn: string;
  /** SUCCEEDED | FAILED | TIMED_OUT | ABORTED (DescribeExecution `status`). */
  status: string;
  /** The container's exit code when it ran; else null. */
  containerExitCode: number | null;
  /** What the command exits with: the container's code, or 1 when there is none. */
  exitCode: number;
  taskArn?: string;
  stoppedReason?: string;
  error?: string;
  cause?: string;
}

function containerExitCode(task: Json | undefined, containerName?: string): number | null {
  const direct = field(task, "ExitCode");
  if (typeof direct === "number") return direct;
  const containers = field(task, "Containers");
  if (!Array.isArray(containers)) return null;
  const container =
    containers.find((c) => containerName !== undefined && field(c, "Name") === containerName) ??
    containers[0];
  const code = field(container, "ExitCode");
  return typeof code === "number" ? code : null;
}

/**
 * Reads a finished execution. Success output and failure cause may both carry the stopped task
 * (RunTask .sync returns the DescribeTasks task; our definition also fails with a cause naming it),
 * so both are searched for `Containers[].ExitCode`, `StoppedReason` and `TaskArn`; a cause in
 * plain text falls back to "exited with code N".
 */
export function runOutcome(
  execution: Pick<
    DescribeExecutionCommandOutput,
    "executionArn" | "status" | "output" | "error" | "cause"
  >,
  containerName?: string,
  knownTaskArn?: string,
): RunOutcome {
  const status = execution.status ?? "UNKNOWN";
  const carried = status === "SUCCEEDED" ? execution.output : execution.cause;
  const task = taskDescription(parseJson(carried));
  let code = containerExitCode(task, containerName);
  // Our definition's own Fail states (ContainerFailed, TaskStopped) give a cause in plain text:
  // "…exited with code N; stopped reason: R; task: ARN" (definition.ts DescribeExit/DescribeStop).
  const plainCause = status !== "SUCCEEDED" && !task ? execution.cause : undefined;
  if (code === null && plainCause) {
    const match = /exit(?:ed)? (?:with )?code (\d+)/i.exec(plainCause);
    code = match ? Number(match[1]) : null;
  }
  if (code === null && status === "SUCCEEDED") code = 0;
  const stoppedReason =
    field(task, "StoppedReason") ?? /stopped reason: (.*?); task: /.exec(plainCause ?? "")?.[1];
  const taskArn = field(task, "TaskArn") ?? /task: (arn:\S+)$/.exec(plainCause ?? "")?.[1];
  const failed = status !== "SUCCEEDED";
  return {
    executionArn: execution.executionArn ?? "",
    status,
    containerExitCode: code,
    exitCode: failed ? (code !== null && code !== 0 ? code : 1) : (code ?? 0),
    taskArn: typeof taskArn === "string" ? taskArn : knownTaskArn,
    ...(typeof stoppedReason === "string" ? { stoppedReason } : {}),
    ...(failed && execution.error ? { error: execution.error } : {}),
    ...(failed && execution.cause ? { cause: execution.cause } : {}),
  };
}

/** One paragraph for a person: how the run ended and why. */
export function describeOutcome(outcome: RunOutcome): string {
  if (outcome.status === "SUCCEEDED" && outcome.exitCode === 0) {
    return `Run succeeded: the container exited with code 0.`;
  }
  const lines = [
    outcome.containerExitCode !== null
      ? `Run ${outcome.status}: the container exited with code ${outcome.containerExitCode}.`
      : `Run ${outcome.status}: the container did not report an exit code (it may never have started).`,
  ];
  if (outcome.error) lines.push(`  error: ${outcome.error}`);
  if (outcome.cause) lines.push(`  cause: ${outcome.cause}`);
  if (outcome.stoppedReason) lines.push(`  stopped reason: ${outcome.stoppedReason}`);
  if (outcome.taskArn) lines.push(`  task: ${outcome.taskArn}`);
  return lines.join("\n");
}
