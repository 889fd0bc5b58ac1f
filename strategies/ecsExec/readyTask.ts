import { DescribeTasksCommand, ECSClient, ListTasksCommand, Task } from "@aws-sdk/client-ecs";
import type { StackOutputs } from "../../lib/stackOutputs";

/** `--container NAME` of the `ecsExecCommand` output: the container operators may exec into. */
export function execContainerName(outputs: StackOutputs): string | undefined {
  return /--container[ =]"?([\w.-]+)/.exec(outputs.ecsExecCommand ?? "")?.[1];
}

/** The container ECS Exec should use in `task` (the named one, else the first), and its agent. */
export function execAgent(task: Task, containerName?: string) {
  const container = task.containers?.find((c) => c.name === containerName) ?? task.containers?.[0];
  const agent = container?.managedAgents?.find((a) => a.name === "ExecuteCommandAgent");
  return { container: container?.name, agentStatus: agent?.lastStatus };
}

/** Whether ECS would open an exec session in `task`: see {@link findExecReadyTask}. */
export function isExecReady(task: Task, containerName?: string): boolean {
  return (
    task.lastStatus === "RUNNING" &&
    task.enableExecuteCommand === true &&
    execAgent(task, containerName).agentStatus === "RUNNING"
  );
}

export interface ExecTasks {
  /** Every task of the service ECS wants running (ListTasks `desiredStatus: RUNNING`). */
  taskArns: string[];
  /** Those whose `lastStatus` is RUNNING (the others are still PROVISIONING/PENDING/…). */
  running: Task[];
  /** The first running task ECS Exec can enter, if any. */
  ready?: Task;
}

/**
 * The service's tasks, and one ECS Exec can enter. ListTasks' `desiredStatus: RUNNING` lists
 * the tasks ECS *wants* running, so it includes tasks whose lastStatus is still PENDING ("The
 * default status filter is RUNNING, which shows tasks that Amazon ECS has set the desired status
 * to RUNNING": ListTasksRequest.desiredStatus, client-ecs dist-types/models/models_0.d.ts), as
 * during every deployment. ECS Exec needs a task that is RUNNING, started with
 * `enableExecuteCommand`, whose `ExecuteCommandAgent` managed agent is RUNNING (ManagedAgentName,
 * client-ecs models/enums.d.ts). ListTasks pages hold up to 100 ARNs and DescribeTasks takes up
 * to 100 (ListTasksRequest.maxResults, DescribeTasksRequest.tasks), so both are read in pages.
 */
export async function findExecReadyTask(
  ecs: ECSClient,
  cluster: string,
  serviceName: string,
  containerName?: string,
): Promise<ExecTasks> {
  const taskArns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTasksCommand({ cluster, serviceName, desiredStatus: "RUNNING", nextToken }),
    );
    taskArns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const tasks: Task[] = [];
  for (let i = 0; i < taskArns.length; i += 100) {
    const page = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: taskArns.slice(i, i + 100) }),
    );
    tasks.push(...(page.tasks ?? []));
  }
  const running = tasks.filter((t) => t.lastStatus === "RUNNING");
  return { taskArns, running, ready: running.find((t) => isExecReady(t, containerName)) };
}
