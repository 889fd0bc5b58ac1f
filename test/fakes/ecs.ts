import { FakeAwsError, FakeService } from "./fakeService";

/**
 * A strict fake of ECS `DescribeTasks`, the call the Session Manager cleanup makes to learn
 * whether the task behind a disconnected managed instance still runs, and of `ListTasks`, which
 * `npm run shell` uses to find the service's running tasks.
 *
 * Sources:
 * - SDK model docs, node_modules/@aws-sdk/client-ecs/dist-types/models/models_1.d.ts,
 *   DescribeTasksRequest.tasks: "A list of up to 100 task IDs or full ARN entries."
 * - ECS developer guide, "API failure reasons": an unknown task comes back in `failures` with
 *   reason `MISSING`, not as an error. Stopped tasks stay describable for a while (at least an
 *   hour, "Amazon ECS task lifecycle"), then they are MISSING too.
 * - ECS API reference, ListTasks: filters by `serviceName` and `desiredStatus` ("The default
 *   status filter is RUNNING"), pages by `maxResults` (1-100, default 100) and `nextToken`.
 *   `desiredStatus` is what ECS wants, not what the task is: "The default status filter is
 *   RUNNING, which shows tasks that Amazon ECS has set the desired status to RUNNING … only a
 *   task's lastStatus may have a value of PENDING" (ListTasksRequest.desiredStatus,
 *   client-ecs models_0.d.ts). So a task still PROVISIONING or PENDING is listed: the fake's
 *   desiredStatus defaults to RUNNING for every task that is not STOPPED.
 * - ExecuteCommand: ECS refuses a task whose exec agent is not running with
 *   InvalidParameterException ("The execute command failed because execute command was not
 *   enabled when the task was run or the execute command agent isn't running", as users report
 *   it, e.g. keidarcy/e1s#206; ExecuteCommandCommand.d.ts lists the exception).
 */

export type FakeTaskStatus =
  | "PROVISIONING"
  | "PENDING"
  | "ACTIVATING"
  | "RUNNING"
  | "DEACTIVATING"
  | "STOPPING"
  | "DEPROVISIONING"
  | "STOPPED";

export interface FakeTask {
  taskArn: string;
  clusterArn: string;
  lastStatus: FakeTaskStatus;
  /** Defaults to STOPPED for a STOPPED task, else RUNNING. */
  desiredStatus?: "RUNNING" | "STOPPED";
  /** `service:NAME` for a service's task (what ListTasks' `serviceName` matches). */
  group?: string;
  enableExecuteCommand?: boolean;
  containers?: {
    name: string;
    lastStatus: string;
    managedAgents?: { name: "ExecuteCommandAgent"; lastStatus: string }[];
  }[];
}

/** A running task of `service` with ECS Exec on and its ExecuteCommandAgent RUNNING. */
export function execReadyTask(cluster: string, service: string, id: string, container = "app") {
  return {
    taskArn: `arn:aws:ecs:ap-northeast-1:123456789012:task/${cluster}/${id}`,
    clusterArn: `arn:aws:ecs:ap-northeast-1:123456789012:cluster/${cluster}`,
    lastStatus: "RUNNING",
    group: `service:${service}`,
    enableExecuteCommand: true,
    containers: [
      {
        name: container,
        lastStatus: "RUNNING",
        managedAgents: [{ name: "ExecuteCommandAgent", lastStatus: "RUNNING" }],
      },
    ],
  } satisfies FakeTask;
}

export interface FakeEcsState {
  /** Tasks ECS still knows, by ARN. */
  tasks: Map<string, FakeTask>;
}

/** `arn:aws:ecs:region:account:cluster/name` → `name`; a bare name stays as it is. */
function clusterName(cluster: string): string {
  return cluster.split("/").pop() ?? cluster;
}

/** Builds the fake ECS service over `state`. */
export function fakeEcs(state: FakeEcsState): FakeService {
  return {
    ListTasks(input) {
      const cluster = clusterName(String(input.cluster ?? "default"));
      const desired = String(input.desiredStatus ?? "RUNNING");
      const size = Number(input.maxResults ?? 100);
      if (!Number.isInteger(size) || size < 1 || size > 100) {
        throw new FakeAwsError(
          "InvalidParameterException",
          "maxResults must be between 1 and 100.",
        );
      }
      const found = [...state.tasks.values()].filter(
        (task) =>
          clusterName(task.clusterArn) === cluster &&
          (input.serviceName === undefined ||
            task.group === `service:${String(input.serviceName)}`) &&
          (task.desiredStatus ?? (task.lastStatus === "STOPPED" ? "STOPPED" : "RUNNING")) ===
            desired,
      );
      const token = input.nextToken as string | undefined;
      const start = token === undefined ? 0 : Number(/^ListTasks:(\d+)$/.exec(token)?.[1] ?? NaN);
      if (Number.isNaN(start)) {
        throw new FakeAwsError("InvalidParameterException", "Invalid nextToken.");
      }
      const end = start + size;
      return {
        taskArns: found.slice(start, end).map((task) => task.taskArn),
        ...(end < found.length ? { nextToken: `ListTasks:${end}` } : {}),
      };
    },
    ExecuteCommand(input) {
      const task = state.tasks.get(String(input.task));
      if (!task || clusterName(task.clusterArn) !== clusterName(String(input.cluster))) {
        throw new FakeAwsError("InvalidParameterException", "The specified task was not found.");
      }
      const container =
        task.containers?.find((c) => c.name === input.container) ??
        (input.container === undefined && task.containers?.length === 1
          ? task.containers[0]
          : undefined);
      if (!container) {
        throw new FakeAwsError(
          "InvalidParameterException",
          `The specified container ${String(input.container)} was not found.`,
        );
      }
      const agent = container.managedAgents?.find((a) => a.name === "ExecuteCommandAgent");
      if (
        task.lastStatus !== "RUNNING" ||
        task.enableExecuteCommand !== true ||
        agent?.lastStatus !== "RUNNING"
      ) {
        throw new FakeAwsError(
          "InvalidParameterException",
          "The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. Wait and try again or run a new task with execute command enabled and try again.",
        );
      }
      return {
        clusterArn: task.clusterArn,
        taskArn: task.taskArn,
        containerName: container.name,
        interactive: input.interactive === true,
        session: { sessionId: `ecs-execute-command-${task.taskArn.split("/").pop()}` },
      };
    },
    DescribeTasks(input) {
      const tasks = (input.tasks as string[] | undefined) ?? [];
      if (tasks.length === 0 || tasks.length > 100) {
        throw new FakeAwsError(
          "InvalidParameterException",
          "Tasks cannot be empty and must contain at most 100 entries.",
        );
      }
      const cluster = clusterName(String(input.cluster ?? "default"));
      const found: FakeTask[] = [];
      const failures: { arn: string; reason: string }[] = [];
      for (const arn of tasks) {
        const task = state.tasks.get(arn);
        if (task && clusterName(task.clusterArn) === cluster) {
          found.push({ ...task });
        } else {
          failures.push({ arn, reason: "MISSING" });
        }
      }
      return { tasks: found, failures };
    },
  };
}

export function emptyEcsState(): FakeEcsState {
  return { tasks: new Map() };
}
