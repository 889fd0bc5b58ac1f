import { RecordedResource } from "./recordingMonitor";

/** Resource types drawn in the access graph, with the word shown under their name. */
const NODE_TYPES: Record<string, string> = {
  "aws:iam/role:Role": "IAM role",
  "aws:sfn/stateMachine:StateMachine": "state machine",
  "aws:ecs/cluster:Cluster": "ECS cluster",
  "aws:ecs/service:Service": "ECS service (the running tasks)",
  "aws:ecs/taskDefinition:TaskDefinition": "task definition",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "VPC endpoint",
  "aws:cloudwatch/logGroup:LogGroup": "log group",
  "aws:kms/key:Key": "KMS key",
  "aws:lambda/function:Function": "Lambda function",
};

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: { AWS?: string | string[] };
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function statements(document: unknown): PolicyStatement[] {
  try {
    const parsed = typeof document === "string" ? JSON.parse(document) : document;
    return list((parsed as { Statement?: PolicyStatement | PolicyStatement[] })?.Statement);
  } catch {
    return [];
  }
}

/**
 * Whether an IAM resource pattern covers a resource's ARN: as written (`task-definition/f:*`
 * covers revision 1), or once the sub-resource part is cut (`log-group:x:log-stream:*` is about
 * log group `x`).
 */
function covers(pattern: string, arn: string): boolean {
  const toRegex = (text: string) =>
    new RegExp(
      `^${text
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    );
  const parent = pattern.replace(/:log-stream:\*$/, "").replace(/:\*$/, "");
  return arn !== "" && (toRegex(pattern).test(arn) || toRegex(parent).test(arn));
}

/** The identifiers other resources use to refer to this one. */
function identifiers(resource: RecordedResource): string[] {
  const name = resource.outputs.name;
  return [
    resource.id,
    String(resource.outputs.arn ?? ""),
    typeof name === "string" && name.length >= 8 ? name : "",
  ].filter((id) => id.length > 0);
}

/**
 * The access paths of a planned stack as edges between its resources (and the principals its
 * roles trust): who may assume which role, what each role's policies allow on which resource,
 * and which resource refers to which (task role, log group, key, endpoint reached from the
 * tasks' security group). Pure: derived from the recorded inputs only.
 */
export function accessEdges(resources: RecordedResource[]): GraphEdge[] {
  const nodes = resources.filter((r) => NODE_TYPES[r.type]);
  const edges: GraphEdge[] = [];
  const byId = new Map(resources.map((r) => [r.id, r]));
  for (const role of nodes.filter((r) => r.type === "aws:iam/role:Role")) {
    for (const statement of statements(role.inputs.assumeRolePolicy)) {
      for (const principal of list(statement.Principal?.AWS)) {
        edges.push({ from: principal, to: role.urn, label: "may assume" });
      }
    }
  }
  for (const policy of resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")) {
    const role = byId.get(String(policy.inputs.role));
    if (!role) continue;
    for (const statement of statements(policy.inputs.policy)) {
      if (statement.Effect !== "Allow") continue;
      const actions = list(statement.Action);
      const label =
        actions.length > 3 ? `${actions.slice(0, 3).join(", ")}, …` : actions.join(", ");
      for (const target of permissionTargets(list(statement.Resource), nodes)) {
        edges.push({ from: role.urn, to: target.urn, label });
      }
    }
  }
  for (const source of nodes) {
    // A resource's own name may contain another's (a Lambda's log group): not a reference.
    for (const [key, value] of Object.entries(source.inputs).filter(([k]) => k !== "name")) {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      for (const target of nodes) {
        if (target !== source && identifiers(target).some((id) => text.includes(id))) {
          edges.push({ from: source.urn, to: target.urn, label: key });
        }
      }
    }
  }
  edges.push(...endpointEdges(resources, nodes));
  return dedupe(edges);
}

/** Nodes a statement's resources name; a cluster's tasks (or managed instances) mean the service. */
function permissionTargets(patterns: string[], nodes: RecordedResource[]): RecordedResource[] {
  const targets = new Set<RecordedResource>();
  for (const pattern of patterns.filter((p) => p !== "*")) {
    nodes
      .filter((n) => covers(pattern, String(n.outputs.arn ?? "")))
      .forEach((n) => targets.add(n));
    const tasks = /:ecs:[^:]*:\d*:task\/([^/]+)\//.exec(pattern);
    const instances = /:ssm:[^:]*:\d*:managed-instance\//.test(pattern);
    for (const service of nodes.filter((n) => n.type === "aws:ecs/service:Service")) {
      const cluster = String(service.inputs.cluster ?? "");
      if ((tasks && cluster.endsWith(`cluster/${tasks[1]}`)) || instances) {
        targets.add(service);
      }
    }
  }
  return [...targets];
}

/** Service → endpoint when the endpoint's security group admits the tasks' security group. */
function endpointEdges(resources: RecordedResource[], nodes: RecordedResource[]): GraphEdge[] {
  const groups = new Map(
    resources
      .filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")
      .map((sg) => [sg.id, sg]),
  );
  const admits = (endpoint: RecordedResource, taskGroups: string[]) =>
    list(endpoint.inputs.securityGroupIds as string[]).some((id) =>
      list(groups.get(id)?.inputs.ingress as { securityGroups?: string[] }[]).some((rule) =>
        list(rule.securityGroups).some((group) => taskGroups.includes(group)),
      ),
    );
  const edges: GraphEdge[] = [];
  for (const service of nodes.filter((n) => n.type === "aws:ecs/service:Service")) {
    const network = service.inputs.networkConfiguration as
      { securityGroups?: string[] } | undefined;
    const taskGroups = network?.securityGroups ?? [];
    for (const endpoint of nodes.filter((n) => n.type === "aws:ec2/vpcEndpoint:VpcEndpoint")) {
      const serviceName = String(endpoint.inputs.serviceName).split(".").slice(3).join(".");
      if (endpoint.inputs.vpcEndpointType === "Gateway") {
        edges.push({
          from: service.urn,
          to: endpoint.urn,
          label: `${serviceName} via route table`,
        });
      } else if (admits(endpoint, taskGroups)) {
        edges.push({ from: service.urn, to: endpoint.urn, label: `HTTPS 443 to ${serviceName}` });
      }
    }
  }
  return edges;
}

function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = `${edge.from} ${edge.to} ${edge.label}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** Mermaid-safe text inside a quoted label. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/\|/g, "#124;");
}

/**
 * The access graph as a Mermaid flowchart: principals outside the stack on the left, each
 * resource node inside a subgraph named after its outermost component that owns resources.
 */
export function renderAccessGraph(resources: RecordedResource[]): string {
  const edges = accessEdges(resources);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const ids = new Map<string, string>();
  const idOf = (key: string) => {
    if (!ids.has(key)) ids.set(key, `n${ids.size}`);
    return ids.get(key) as string;
  };
  // Components that own a resource themselves: an umbrella that only holds components (the
  // library's FargateAccess) is not a group of its own, its strategies are.
  const owners = new Set(resources.filter((r) => r.custom).map((r) => r.parent));
  const topComponent = (resource: RecordedResource): string => {
    let group: RecordedResource | undefined;
    for (let at = byUrn.get(resource.parent); at?.parent; at = byUrn.get(at.parent)) {
      if (owners.has(at.urn)) group = at;
    }
    return group?.name ?? "stack";
  };
  const lines = ["flowchart LR"];
  const principals = [...new Set(edges.map((e) => e.from).filter((from) => !byUrn.has(from)))];
  if (principals.length > 0) {
    lines.push('  subgraph people["Principals outside the stack"]');
    principals.forEach((p) => lines.push(`    ${idOf(p)}(["${label(p)}"])`));
    lines.push("  end");
  }
  const groups = new Map<string, RecordedResource[]>();
  for (const node of resources.filter((r) => NODE_TYPES[r.type])) {
    const group = topComponent(node);
    groups.set(group, [...(groups.get(group) ?? []), node]);
  }
  for (const [group, nodes] of groups) {
    lines.push(`  subgraph ${idOf(`group:${group}`)}["${label(group)}"]`);
    for (const node of nodes) {
      lines.push(
        `    ${idOf(node.urn)}["${label(node.name)}<br/><i>${NODE_TYPES[node.type]}</i>"]`,
      );
    }
    lines.push("  end");
  }
  for (const edge of edges) {
    lines.push(`  ${idOf(edge.from)} -->|"${label(edge.label)}"| ${idOf(edge.to)}`);
  }
  return lines.join("\n");
}
