import { DescribeTasksCommand, ECSClient, ListTasksCommand, Task } from "@aws-sdk/client-ecs";
import type { StackOutputs } from "../../lib/stackOutputs";
import { ShellPlan, ShellSupport } from "../../operator/shell";
import { AwsSession, clientConfig } from "../../operator/session";

/** `--container NAME` of the `ecsExecCommand` output: the container operators may exec into. */
function execContainerName(outputs: StackOutputs): string | undefined {
  return /--container[ =]"?([\w.-]+)/.exec(outputs.ecsExecCommand ?? "")?.[1];
}

/** The container ECS Exec should use, and its ExecuteCommandAgent state. */
function execAgent(task: Task, containerName?: string) {
  const container = task.containers?.find((c) => c.name === containerName) ?? task.containers?.[0];
  const agent = container?.managedAgents?.find((a) => a.name === "ExecuteCommandAgent");
  return { container: container?.name, agentStatus: agent?.lastStatus };
}

/**
 * A RUNNING task of the service that runs with `enableExecuteCommand` and whose
 * `ExecuteCommandAgent` managed agent is RUNNING (ManagedAgentName in
 * client-ecs/dist-types/models/enums.d.ts): without both ECS refuses execute-command, as the
 * doctor's `exec-enabled` / `exec-agent-running` checks say. ListTasks' default desiredStatus is
 * RUNNING, and DescribeTasks takes up to 100 tasks (ECS model docs, models_*.d.ts).
 */
export async function planEcsExec(
  ecs: ECSClient,
  outputs: StackOutputs,
  session: AwsSession,
  command: string,
): Promise<ShellPlan> {
  const plan: ShellPlan = { strategy: "ecsExec", missing: [], notes: [] };
  const cluster = outputs.clusterName;
  const taskArns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(
      new ListTasksCommand({
        cluster,
        serviceName: outputs.serviceName,
        desiredStatus: "RUNNING",
        nextToken,
      }),
    );
    taskArns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  if (taskArns.length === 0) {
    plan.blocker = `service ${outputs.serviceName} has no running task in cluster ${cluster}; check its events (aws ecs describe-services) or npm run doctor`;
    return plan;
  }
  const tasks: Task[] = [];
  for (let i = 0; i < taskArns.length; i += 100) {
    const page = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: taskArns.slice(i, i + 100) }),
    );
    tasks.push(...(page.tasks ?? []));
  }
  const wantedContainer = execContainerName(outputs);
  const running = tasks.filter((t) => t.lastStatus === "RUNNING");
  const ready = running.find(
    (t) =>
      t.enableExecuteCommand === true && execAgent(t, wantedContainer).agentStatus === "RUNNING",
  );
  if (!ready?.taskArn) {
    const seen = running
      .map((t) => {
        const agent = execAgent(t, wantedContainer);
        return `${t.taskArn?.split("/").pop()}: enableExecuteCommand=${t.enableExecuteCommand === true}, ExecuteCommandAgent ${agent.agentStatus ?? "absent"}`;
      })
      .join("; ");
    plan.blocker = `no running task with a RUNNING ExecuteCommandAgent (${seen || "no task is RUNNING yet"}); tasks started before ECS Exec was enabled need a new deployment: aws ecs update-service --force-new-deployment`;
    return plan;
  }
  const container = execAgent(ready, wantedContainer).container ?? wantedContainer ?? "";
  plan.target = ready.taskArn;
  plan.awsArgs = [
    "ecs",
    "execute-command",
    "--region",
    session.region,
    "--cluster",
    cluster,
    "--task",
    ready.taskArn,
    "--container",
    container,
    "--interactive",
    "--command",
    command,
  ];
  return plan;
}

/** `npm run shell` through ECS Exec: `aws ecs execute-command` into a ready task. */
export const ecsExecShell: ShellSupport = {
  plan: (session, outputs, { command }) =>
    planEcsExec(new ECSClient(clientConfig(session)), outputs, session, command),
};
