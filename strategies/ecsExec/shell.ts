import { ECSClient } from "@aws-sdk/client-ecs";
import type { StackOutputs } from "../../lib/stackOutputs";
import { ShellPlan, ShellSupport } from "../../operator/shellSupport";
import { AwsSession, clientConfig } from "../../operator/session";
import { execAgent, execContainerName, findExecReadyTask } from "./readyTask";

/**
 * A task ECS Exec can enter ({@link findExecReadyTask}): without one ECS refuses
 * execute-command, as the doctor's `exec-enabled` / `exec-agent-running` checks say.
 */
export async function planEcsExec(
  ecs: ECSClient,
  outputs: StackOutputs,
  session: AwsSession,
  command: string,
): Promise<ShellPlan> {
  const plan: ShellPlan = { strategy: "ecsExec", missing: [], notes: [] };
  const cluster = outputs.clusterName;
  const wantedContainer = execContainerName(outputs);
  const { taskArns, running, ready } = await findExecReadyTask(
    ecs,
    cluster,
    outputs.serviceName,
    wantedContainer,
  );
  if (taskArns.length === 0) {
    plan.blocker = `service ${outputs.serviceName} has no running task in cluster ${cluster}; check its events (aws ecs describe-services) or npm run doctor`;
    return plan;
  }
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
