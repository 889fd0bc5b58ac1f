import { FakeAwsError, FakeService } from "./fakeService";

/** A task as DescribeTasks returns it (camelCase, as the ECS JSON API), plus its service. */
export interface FakeEcsTask {
  taskArn: string;
  group: string;
  lastStatus: string;
  desiredStatus: string;
  enableExecuteCommand: boolean;
  containers: {
    name: string;
    lastStatus: string;
    managedAgents?: { name: string; lastStatus: string }[];
  }[];
}

/** A running service task with ECS Exec on and its ExecuteCommandAgent RUNNING. */
export function execReadyTask(cluster: string, service: string, id: string, container = "app") {
  return {
    taskArn: `arn:aws:ecs:ap-northeast-1:123456789012:task/${cluster}/${id}`,
    group: `service:${service}`,
    lastStatus: "RUNNING",
    desiredStatus: "RUNNING",
    enableExecuteCommand: true,
    containers: [
      {
        name: container,
        lastStatus: "RUNNING",
        managedAgents: [{ name: "ExecuteCommandAgent", lastStatus: "RUNNING" }],
      },
    ],
  } satisfies FakeEcsTask;
}

/**
 * ECS ListTasks/DescribeTasks over one cluster (ECS API Reference):
 * - an unknown cluster → ClusterNotFoundException;
 * - ListTasks filters by `serviceName` (the task's `service:NAME` group) and `desiredStatus`,
 *   pages by `maxResults` (default 100) and `nextToken`;
 * - DescribeTasks takes at most 100 tasks, and reports unknown ones in `failures` as MISSING.
 */
export function createFakeEcs(cluster: string, tasks: FakeEcsTask[], pageSize = 100) {
  const checkCluster = (input: Record<string, unknown>) => {
    const name = String(input.cluster ?? "default")
      .split("/")
      .pop();
    if (name !== cluster) {
      throw new FakeAwsError("ClusterNotFoundException", "Cluster not found.");
    }
  };
  const service: FakeService = {
    ListTasks: (input) => {
      checkCluster(input);
      const matching = tasks.filter(
        (t) =>
          (input.serviceName === undefined || t.group === `service:${String(input.serviceName)}`) &&
          t.desiredStatus === String(input.desiredStatus ?? "RUNNING"),
      );
      const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
      const size = Number(input.maxResults ?? pageSize);
      const page = matching.slice(start, start + size);
      const end = start + page.length;
      return {
        taskArns: page.map((t) => t.taskArn),
        ...(end < matching.length ? { nextToken: String(end) } : {}),
      };
    },
    DescribeTasks: (input) => {
      checkCluster(input);
      const wanted = (input.tasks as string[] | undefined) ?? [];
      if (wanted.length > 100) {
        throw new FakeAwsError(
          "InvalidParameterException",
          "Tasks cannot have more than 100 elements",
        );
      }
      return {
        tasks: tasks.filter((t) => wanted.includes(t.taskArn)),
        failures: wanted
          .filter((arn) => !tasks.some((t) => t.taskArn === arn))
          .map((arn) => ({ arn, reason: "MISSING" })),
      };
    },
  };
  return { service, tasks };
}
