import {
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  RouteTable,
  paginateDescribeRouteTables,
  paginateDescribeVpcEndpoints,
} from "@aws-sdk/client-ec2";
import { DescribeClustersCommand, DescribeTaskDefinitionCommand, Task } from "@aws-sdk/client-ecs";
import { GetRoleCommand, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { SSM_CHANNEL_ACTIONS } from "../../lib/ecsExecChannels";
import { VpcDnsAttributes, vpcDnsProblem } from "../../lib/endpointSubnets";
import { routeTableOfSubnet } from "../../lib/routeTables";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "../../doctor/types";
import { checked } from "../../doctor/checked";
import { execAgent, execContainerName, findExecReadyTask } from "./readyTask";
import { baseWithoutScript } from "./transcriptTool";

const { pass, fail, warn } = resultsFor("ecsExec");

/** `1.4.0` ≥ `1.4.0`; `LATEST` and unknown formats are treated as recent. */
export function platformAtLeast(version: string | undefined, minimum: string): boolean {
  if (!version || !/^\d+(\.\d+)*$/.test(version)) return true;
  const have = version.split(".").map(Number);
  const need = minimum.split(".").map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) !== need[i]) return (have[i] ?? 0) > need[i];
  }
  return true;
}

/**
 * `arn:aws:sts::1:assumed-role/Name/session` → `Name`; `undefined` for other ARNs. The role's
 * path is not in an assumed-role ARN (IAM user guide, "IAM identifiers"): look the role up.
 */
export function assumedRoleName(callerArn: string): string | undefined {
  return /^arn:[^:]+:sts::\d+:assumed-role\/([^/]+)\/.+$/.exec(callerArn)?.[1];
}

/** The actions IAM's policy simulator does not allow `principal`; empty when all are allowed. */
async function deniedActions(
  clients: DoctorClients,
  principal: string,
  actions: string[],
  resource?: string,
  context: Record<string, string> = {},
): Promise<string[]> {
  const result = await clients.iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: principal,
      ActionNames: actions,
      ResourceArns: resource ? [resource] : undefined,
      ContextEntries: Object.entries(context).map(([ContextKeyName, value]) => ({
        ContextKeyName,
        ContextKeyType: "string",
        ContextKeyValues: [value],
      })),
    }),
  );
  return (result.EvaluationResults ?? [])
    .filter((r) => r.EvalDecision !== "allowed")
    .map((r) => r.EvalActionName ?? "?");
}

async function ssmmessagesRoute(
  clients: DoctorClients,
  target: DoctorTarget,
  task: Task,
): Promise<CheckResult> {
  const subnetId = task.attachments
    ?.flatMap((a) => a.details ?? [])
    .find((d) => d.name === "subnetId")?.value;
  if (!subnetId) {
    return warn("ssmmessages-reachable", "the task's subnet is not known; cannot check the route");
  }
  const subnet = (await clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })))
    .Subnets?.[0];
  if (await hasSsmmessagesEndpoint(clients, subnet?.VpcId ?? "", target.region)) {
    const problem = vpcDnsProblem(
      subnet?.VpcId ?? "",
      await vpcDnsAttributes(clients, subnet?.VpcId ?? ""),
    );
    if (problem)
      return fail(
        "ssmmessages-reachable",
        problem.split(": ")[0],
        problem.slice(problem.indexOf("Turn ")),
      );
    return pass(
      "ssmmessages-reachable",
      `through the ssmmessages VPC endpoint of ${subnet?.VpcId}`,
    );
  }
  // All the VPC's tables: a subnet without an explicit association uses the main one.
  const tables: RouteTable[] = [];
  for await (const page of paginateDescribeRouteTables(
    { client: clients.ec2 },
    { Filters: [{ Name: "vpc-id", Values: [subnet?.VpcId ?? ""] }] },
  )) {
    tables.push(...(page.RouteTables ?? []));
  }
  const tableId = routeTableOfSubnet(
    tables.map((t) => ({
      routeTableId: t.RouteTableId ?? "",
      associations: (t.Associations ?? []).map((a) => ({ subnetId: a.SubnetId, main: a.Main })),
    })),
    subnetId,
  );
  const nat = tables
    .find((t) => t.RouteTableId === tableId)
    ?.Routes?.find(
      (r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.NatGatewayId && r.State === "active",
    );
  return nat
    ? pass("ssmmessages-reachable", `through NAT gateway ${nat.NatGatewayId}`)
    : fail(
        "ssmmessages-reachable",
        `subnet ${subnetId} has neither an ssmmessages endpoint nor a route to a NAT gateway`,
        "set fargate-access:network.vpcEndpoints: true (or natGateways) and run pulumi up",
      );
}

/** Whether the cluster logs exec sessions, encrypted. */
async function execLoggingCheck(
  clients: DoctorClients,
  clusterName: string,
  found: { sessionsLogged?: boolean },
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const cluster = (
    await clients.ecs.send(
      new DescribeClustersCommand({ clusters: [clusterName], include: ["CONFIGURATIONS"] }),
    )
  ).clusters?.[0];
  const execConfig = cluster?.configuration?.executeCommandConfiguration;
  found.sessionsLogged = !!execConfig && execConfig.logging !== "NONE";
  if (!execConfig || execConfig.logging === "NONE") {
    results.push(
      warn(
        "exec-logging",
        "exec sessions are not logged",
        "set fargate-access:ecsExec.logging: override to keep an audit trail of commands",
      ),
    );
  } else if (!execConfig.kmsKeyId) {
    results.push(
      warn(
        "exec-logging",
        `sessions logged (${execConfig.logging}) but not encrypted with a KMS key`,
        "set fargate-access:ecsExec.kmsKey: create",
      ),
    );
  } else {
    results.push(
      pass(
        "exec-logging",
        `logging ${execConfig.logging}, KMS key ${execConfig.kmsKeyId} (transcripts need script in the image: see exec-transcripts)`,
      ),
    );
  }
  return results;
}

/** The checks aws-containers' ecs-exec-checker runs, for this stack's running task. */
export async function ecsExecChecks(
  clients: DoctorClients,
  target: DoctorTarget,
): Promise<CheckResult[]> {
  const { clusterName, serviceName, taskRoleArn } = target.outputs;
  const found: { task?: Task; sessionsLogged?: boolean } = {};
  const results = await checked("ecsExec", ["exec-logging"], () =>
    execLoggingCheck(clients, clusterName, found),
  );
  const containerName = execContainerName(target.outputs);
  results.push(
    ...(await checked("ecsExec", ["task-running"], async () => {
      const execTasks = await findExecReadyTask(
        clients.ecs,
        clusterName,
        serviceName,
        containerName,
      );
      // The task ECS Exec would enter; else a RUNNING one, whose checks below say what it lacks.
      const task = execTasks.ready ?? execTasks.running[0];
      found.task = task;
      return task
        ? pass("task-running", task.taskArn ?? "")
        : fail(
            "task-running",
            execTasks.taskArns.length === 0
              ? `service ${serviceName} has no running task`
              : `none of the ${execTasks.taskArns.length} task(s) ECS wants running is RUNNING yet (still starting)`,
            "check the service events: aws ecs describe-services --cluster … --services …",
          );
    })),
  );
  const { task } = found;
  if (task) {
    results.push(...runningTaskChecks(task));
    // Unknown logging (DescribeClusters denied) still gets the check: it may be on.
    const transcripts = found.sessionsLogged !== false ? { clusterName } : undefined;
    results.push(
      ...(await checked(
        "ecsExec",
        ["init-process", "writable-root", ...(transcripts ? ["exec-transcripts"] : [])],
        () => taskDefinitionChecks(clients, task, transcripts),
      )),
    );
  }
  results.push(
    ...(await checked("ecsExec", ["task-role-channels"], async () => {
      const deniedChannels = await deniedActions(clients, taskRoleArn, SSM_CHANNEL_ACTIONS);
      return deniedChannels.length === 0
        ? pass("task-role-channels", "the task role may open the four ssmmessages channels")
        : fail(
            "task-role-channels",
            `the task role is denied ${deniedChannels.join(", ")}`,
            "select ecsExec in fargate-access:strategies and run pulumi up",
          );
    })),
  );
  if (task) {
    results.push(
      ...(await checked("ecsExec", ["ssmmessages-reachable"], () =>
        ssmmessagesRoute(clients, target, task),
      )),
      ...(await checked("ecsExec", ["operator-can-exec"], () =>
        operatorCanExec(clients, target, task, containerName),
      )),
    );
  }
  return results;
}

/** What the running task itself says: platform, execute-command, the exec agent. */
function runningTaskChecks(task: Task): CheckResult[] {
  const results: CheckResult[] = [];
  results.push(
    platformAtLeast(task.platformVersion, "1.4.0")
      ? pass("platform-version", `platform ${task.platformVersion}`)
      : fail(
          "platform-version",
          `platform ${task.platformVersion} is older than 1.4.0`,
          "the service uses platform LATEST; force a new deployment",
        ),
  );
  results.push(
    task.enableExecuteCommand
      ? pass("exec-enabled", "the running task has execute-command enabled")
      : fail(
          "exec-enabled",
          "the running task was started without execute-command",
          "aws ecs update-service --force-new-deployment (tasks started before the change lack it)",
        ),
  );
  const agents = (task.containers ?? []).flatMap((c) =>
    (c.managedAgents ?? []).filter((a) => a.name === "ExecuteCommandAgent"),
  );
  results.push(
    agents.length > 0 && agents.every((a) => a.lastStatus === "RUNNING")
      ? pass("exec-agent-running", "ExecuteCommandAgent RUNNING")
      : fail(
          "exec-agent-running",
          `ExecuteCommandAgent ${agents.map((a) => a.lastStatus).join(", ") || "missing"}`,
          "check the task role's channel permissions and the route to ssmmessages, then redeploy",
        ),
  );
  return results;
}

/**
 * The task definition: an init process in every container, writable root file systems, and
 * (when the cluster logs sessions) a transcript tool in the exec container's image.
 */
async function taskDefinitionChecks(
  clients: DoctorClients,
  task: Task,
  transcripts: { clusterName: string } | undefined,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const definition = (
    await clients.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: task.taskDefinitionArn }),
    )
  ).taskDefinition;
  const containers = definition?.containerDefinitions ?? [];
  const withoutInit = containers.filter((c) => c.linuxParameters?.initProcessEnabled !== true);
  results.push(
    withoutInit.length === 0
      ? pass("init-process", "initProcessEnabled on every container")
      : fail(
          "init-process",
          `no init process in ${withoutInit.map((c) => c.name).join(", ")}`,
          "the program sets it; a task definition changed outside Pulumi? run pulumi up",
        ),
  );
  if (transcripts) {
    const name = task.containers?.[0]?.name ?? "";
    const image = containers.find((c) => c.name === name)?.image ?? "";
    results.push(transcriptCheck(transcripts.clusterName, task.taskArn ?? "", name, image));
  }
  const readOnly = containers.filter((c) => c.readonlyRootFilesystem === true);
  results.push(
    readOnly.length === 0
      ? pass("writable-root", "root file systems are writable (the agent needs to write)")
      : warn(
          "writable-root",
          `read-only root file system in ${readOnly.map((c) => c.name).join(", ")}`,
          "ECS Exec needs writable paths for the agent; mount volumes or turn it off",
        ),
  );
  return results;
}

/**
 * Whether the operator role (or, without one, the caller) may exec into the container. An
 * assumed-role ARN names the role but not its path, and IAM Identity Center roles live under
 * `/aws-reserved/sso.amazonaws.com/`, so the role's ARN comes from IAM (GetRole by name),
 * which the policy simulator needs exactly (see test/fakes/iam.ts).
 */
async function operatorCanExec(
  clients: DoctorClients,
  target: DoctorTarget,
  task: Task,
  containerName: string | undefined,
): Promise<CheckResult> {
  const operator = target.outputs.ecsExecOperatorRoleArn?.startsWith("arn:")
    ? target.outputs.ecsExecOperatorRoleArn
    : await callerPrincipalArn(clients);
  const container = execAgent(task, containerName).container ?? "";
  const deniedExec = await deniedActions(clients, operator, ["ecs:ExecuteCommand"], task.taskArn, {
    "ecs:cluster": task.clusterArn ?? "",
    "ecs:container-name": container,
  });
  return deniedExec.length === 0
    ? pass("operator-can-exec", `${operator} may ecs:ExecuteCommand into ${container}`)
    : fail(
        "operator-can-exec",
        `${operator} may not ecs:ExecuteCommand into this task`,
        "add the principal to fargate-access:ecsExec.operatorPrincipals and assume the operator role",
      );
}

/** The IAM ARN of the caller: a user as it is, an assumed role's role with its path (GetRole). */
async function callerPrincipalArn(clients: DoctorClients): Promise<string> {
  const callerArn = (await clients.sts.send(new GetCallerIdentityCommand({}))).Arn ?? "";
  const roleName = assumedRoleName(callerArn);
  if (!roleName) return callerArn;
  const { Role } = await clients.iam.send(new GetRoleCommand({ RoleName: roleName }));
  return Role?.Arn ?? callerArn;
}

/** The VPC's DNS attributes, which the endpoints' private DNS needs (DescribeVpcAttribute). */
async function vpcDnsAttributes(clients: DoctorClients, vpcId: string): Promise<VpcDnsAttributes> {
  const value = async (Attribute: "enableDnsSupport" | "enableDnsHostnames") => {
    const answer = await clients.ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute }),
    );
    return (
      (Attribute === "enableDnsSupport" ? answer.EnableDnsSupport : answer.EnableDnsHostnames)
        ?.Value === true
    );
  };
  return {
    enableDnsSupport: await value("enableDnsSupport"),
    enableDnsHostnames: await value("enableDnsHostnames"),
  };
}

/**
 * ECS Exec writes a session's transcript by running `script` in the container (amazon-ssm-agent
 * agent/session/shell/shell_unix.go `generateLogData`); without it the session opens and its log
 * stays empty (aws/amazon-ssm-agent#653). The doctor cannot look inside the image: a base known
 * to lack it is a warning, any other image passes with the command that checks it.
 */
function transcriptCheck(
  cluster: string,
  taskArn: string,
  container: string,
  image: string,
): CheckResult {
  const lacking = baseWithoutScript(image);
  if (lacking) {
    return warn(
      "exec-transcripts",
      `${image}: ${lacking.why}, so the ECS Exec session logs of this task are empty`,
      `build the image with script (${lacking.install}; container/Dockerfile does) and redeploy, or set fargate-access:ecsExec.logging: none`,
    );
  }
  return pass(
    "exec-transcripts",
    `sessions are recorded only if ${image || "the image"} has script (util-linux); to check: aws ecs execute-command --cluster ${cluster} --task ${taskArn} --container ${container} --interactive --command "sh -c 'command -v script'"`,
  );
}

/**
 * Whether the VPC has an available ssmmessages interface endpoint. Every page is read: EC2 filters
 * each page after cutting it, so a match can sit behind an empty page (see test/fakes/ec2.ts).
 */
async function hasSsmmessagesEndpoint(
  clients: DoctorClients,
  vpcId: string,
  region: string,
): Promise<boolean> {
  const pages = paginateDescribeVpcEndpoints(
    { client: clients.ec2 },
    {
      Filters: [
        { Name: "vpc-id", Values: [vpcId] },
        { Name: "service-name", Values: [`com.amazonaws.${region}.ssmmessages`] },
        { Name: "vpc-endpoint-state", Values: ["available"] },
      ],
    },
  );
  for await (const page of pages) {
    if ((page.VpcEndpoints ?? []).length > 0) {
      return true;
    }
  }
  return false;
}
