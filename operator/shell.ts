import { DescribeTasksCommand, ECSClient, ListTasksCommand, Task } from "@aws-sdk/client-ecs";
import type { StackOutputs } from "../lib/stackOutputs";
import { SSMClient } from "@aws-sdk/client-ssm";
import { ACTIVATION_TAG_KEYS } from "../lib/activationTags";
import { stackInstances } from "../lib/stackInstances";
import { UsageError } from "../offline/stackFiles";
import { AwsSession, clientConfig } from "./session";

export type ShellStrategy = "ecsExec" | "sessionManager";

/** What `npm run shell` will run, and what stands in its way. */
export interface ShellPlan {
  strategy: ShellStrategy;
  /** The task ARN (ECS Exec) or managed instance id (Session Manager). */
  target?: string;
  /** Arguments of the `aws` CLI call that opens the session. */
  awsArgs?: string[];
  /** Why no session can start at all (no running task, agent down). */
  blocker?: string;
  /** Programs missing on this machine, each with where to get it. */
  missing: { program: string; install: string }[];
  notes: string[];
}

export const INSTALL = {
  aws: "the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html",
  "session-manager-plugin":
    "the Session Manager plugin: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html",
} as const;

/** The strategy to use: the one asked for, else ECS Exec when the stack has it, else Session Manager. */
export function chooseStrategy(outputs: StackOutputs, stack: string, wanted?: ShellStrategy) {
  const available = (["ecsExec", "sessionManager"] as const).filter((s) =>
    outputs.strategies.includes(s),
  );
  const chosen = wanted ?? available[0];
  if (!chosen || !available.includes(chosen)) {
    throw new UsageError(
      `stack ${stack} does not select ${wanted ?? "ecsExec or sessionManager"} (strategies: ${outputs.strategies.join(", ")}); add it to fargate-access:strategies and run pulumi up${available.length ? `, or use --strategy ${available[0]}` : ""}.`,
    );
  }
  return chosen;
}

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

/**
 * The session document to use: the stack's own, named by `--document-name` in the start-session
 * part of `sessionManagerStartCommand`; else none, and Session Manager uses its default shell
 * document.
 */
export function sessionDocumentName(outputs: StackOutputs): string | undefined {
  const startSession = /start-session\b[^#&|;]*/.exec(
    outputs.sessionManagerStartCommand ?? "",
  )?.[0];
  return /--document-name[ =]['"]?([\w.:/-]+)/.exec(startSession ?? "")?.[1];
}

/** This stack's Online managed instance (the freshest ping wins); PingStatus is judged here. */
export async function planSessionManager(
  ssm: SSMClient,
  outputs: StackOutputs,
  session: AwsSession,
  stackTag: string,
): Promise<ShellPlan> {
  const plan: ShellPlan = { strategy: "sessionManager", missing: [], notes: [] };
  const instances = await stackInstances(ssm, stackTag);
  const online = instances
    .filter((i) => i.PingStatus === "Online" && i.InstanceId)
    .sort((a, b) => (b.LastPingDateTime?.getTime() ?? 0) - (a.LastPingDateTime?.getTime() ?? 0));
  if (online.length === 0) {
    plan.blocker = `no managed instance tagged ${ACTIVATION_TAG_KEYS.stack}=${stackTag} is Online (${instances.length} known: ${instances.map((i) => `${i.InstanceId} ${i.PingStatus}`).join(", ") || "none"}); read the task's log for fargate-access-entrypoint lines, or run npm run doctor`;
    return plan;
  }
  const target = online[0].InstanceId ?? "";
  const document = sessionDocumentName(outputs);
  if (!document) {
    plan.notes.push(
      "the stack's outputs name no session document: using Session Manager's default (SSM-SessionManagerRunShell)",
    );
  }
  plan.target = target;
  plan.awsArgs = [
    "ssm",
    "start-session",
    "--region",
    session.region,
    "--target",
    target,
    ...(document ? ["--document-name", document] : []),
  ];
  return plan;
}

export function createShellClients(session: AwsSession) {
  const config = clientConfig(session);
  return { ecs: new ECSClient(config), ssm: new SSMClient(config) };
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
