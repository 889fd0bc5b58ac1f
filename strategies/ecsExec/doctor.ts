import {
  DescribeSubnetsCommand,
  RouteTable,
  paginateDescribeRouteTables,
  paginateDescribeVpcEndpoints,
} from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  Task,
} from "@aws-sdk/client-ecs";
import { SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { SSM_CHANNEL_ACTIONS } from "../../lib/ecsExecChannels";
import { routeTableOfSubnet } from "../../lib/routeTables";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "../../doctor/types";
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

/** `arn:aws:sts::1:assumed-role/Name/session` → `arn:aws:iam::1:role/Name`; others unchanged. */
export function principalArnOf(callerArn: string): string {
  const match = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : callerArn;
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

/** The checks aws-containers' ecs-exec-checker runs, for this stack's running task. */
export async function ecsExecChecks(
  clients: DoctorClients,
  target: DoctorTarget,
): Promise<CheckResult[]> {
  const { clusterName, serviceName, taskRoleArn } = target.outputs;
  const results: CheckResult[] = [];
  const cluster = (
    await clients.ecs.send(
      new DescribeClustersCommand({ clusters: [clusterName], include: ["CONFIGURATIONS"] }),
    )
  ).clusters?.[0];
  const execConfig = cluster?.configuration?.executeCommandConfiguration;
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

  const taskArns =
    (
      await clients.ecs.send(
        new ListTasksCommand({ cluster: clusterName, serviceName, desiredStatus: "RUNNING" }),
      )
    ).taskArns ?? [];
  if (taskArns.length === 0) {
    results.push(
      fail(
        "task-running",
        `service ${serviceName} has no running task`,
        "check the service events: aws ecs describe-services --cluster … --services …",
      ),
    );
    return results;
  }
  const task = (
    await clients.ecs.send(new DescribeTasksCommand({ cluster: clusterName, tasks: [taskArns[0]] }))
  ).tasks?.[0];
  if (!task) {
    results.push(fail("task-running", `task ${taskArns[0]} could not be described`));
    return results;
  }
  results.push(pass("task-running", task.taskArn ?? taskArns[0]));

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
  if (execConfig && execConfig.logging !== "NONE") {
    const name = task.containers?.[0]?.name ?? "";
    const image = containers.find((c) => c.name === name)?.image ?? "";
    results.push(transcriptCheck(clusterName, task.taskArn ?? taskArns[0], name, image));
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

  const deniedChannels = await deniedActions(clients, taskRoleArn, SSM_CHANNEL_ACTIONS);
  results.push(
    deniedChannels.length === 0
      ? pass("task-role-channels", "the task role may open the four ssmmessages channels")
      : fail(
          "task-role-channels",
          `the task role is denied ${deniedChannels.join(", ")}`,
          "select ecsExec in fargate-access:strategies and run pulumi up",
        ),
  );
  results.push(await ssmmessagesRoute(clients, target, task));

  const operator = target.outputs.ecsExecOperatorRoleArn?.startsWith("arn:")
    ? target.outputs.ecsExecOperatorRoleArn
    : principalArnOf((await clients.sts.send(new GetCallerIdentityCommand({}))).Arn ?? "");
  const container = task.containers?.[0]?.name ?? "";
  const deniedExec = await deniedActions(clients, operator, ["ecs:ExecuteCommand"], task.taskArn, {
    "ecs:cluster": cluster?.clusterArn ?? "",
    "ecs:container-name": container,
  });
  results.push(
    deniedExec.length === 0
      ? pass("operator-can-exec", `${operator} may ecs:ExecuteCommand into ${container}`)
      : fail(
          "operator-can-exec",
          `${operator} may not ecs:ExecuteCommand into this task`,
          "add the principal to fargate-access:ecsExec.operatorPrincipals and assume the operator role",
        ),
  );
  return results;
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
