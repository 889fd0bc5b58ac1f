import { stringify } from "yaml";
import { plural } from "../lib/format";
import type { CostEstimate } from "../cost/estimate";
import type { Finding } from "./analyzerClient";
import { RecordedResource } from "./recordingMonitor";
import { renderResourceTree } from "./resourceTree";
import type { OfflineRun } from "./runOffline";

/**
 * A resource's inputs with the JSON documents held in strings (IAM policies, container
 * definitions, state machine definitions) parsed, so they print as structure, not one line.
 */
export function readableInputs(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => [key, parseNested(value)]),
  );
}

function parseNested(value: unknown): unknown {
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      return parseNested(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) {
    return value.map(parseNested);
  }
  if (typeof value === "object" && value !== null) {
    return readableInputs(value as Record<string, unknown>);
  }
  return value;
}

interface SecurityGroupRule {
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  cidrBlocks?: string[];
  securityGroups?: string[];
  self?: boolean;
  description?: string;
}

/** `ingress tcp 443 from sg-1 (HTTPS from tasks)`: one line per security-group rule. */
export function securityGroupRules(inputs: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const direction of ["ingress", "egress"] as const) {
    const rules = (inputs[direction] ?? []) as SecurityGroupRule[];
    const peerWord = direction === "ingress" ? "from" : "to";
    for (const rule of rules) {
      const protocol = rule.protocol === "-1" ? "all traffic" : (rule.protocol ?? "?");
      const ports =
        rule.protocol === "-1"
          ? ""
          : rule.fromPort === rule.toPort
            ? ` ${rule.fromPort}`
            : ` ${rule.fromPort}-${rule.toPort}`;
      const peers = [
        ...(rule.cidrBlocks ?? []),
        ...(rule.securityGroups ?? []),
        ...(rule.self ? ["itself"] : []),
      ];
      const why = rule.description ? ` (${rule.description})` : "";
      lines.push(
        `${direction} ${protocol}${ports} ${peerWord} ${peers.join(", ") || "nobody"}${why}`,
      );
    }
    if (rules.length === 0) {
      lines.push(`${direction}: none`);
    }
  }
  return lines;
}

/**
 * What an awsx component creates once deployed; under mocks it registers as one resource, so
 * this is derived from its inputs, following pulumi-awsx `awsx/ec2/vpc.ts`: per AZ and subnet
 * spec a subnet with its own route table and association; an internet gateway always ("AWS
 * does not charge for it"), routed from each public route table; NAT gateways (each with an
 * Elastic IP, in a public subnet) by strategy None, Single or OnePerAz (the default), routed
 * from each private route table.
 */
export function componentExpansion(resource: RecordedResource): string[] {
  const inputs = resource.inputs;
  if (resource.type === "awsx:ec2:Vpc") {
    const zones = Number(inputs.numberOfAvailabilityZones ?? 3);
    const specs = (
      (inputs.subnetSpecs ?? [{ type: "Private" }, { type: "Public" }]) as { type: string }[]
    ).map((spec) => spec.type);
    const count = (type: string) => zones * specs.filter((spec) => spec === type).length;
    const strategy =
      (inputs.natGateways as { strategy?: string } | undefined)?.strategy ?? "OnePerAz";
    const perStrategy: Record<string, number> = { None: 0, Single: 1, OnePerAz: zones };
    const nats = count("Public") > 0 ? (perStrategy[strategy] ?? 0) : 0;
    const subnets = zones * specs.length;
    const lines = [
      `aws:ec2/vpc:Vpc (${String(inputs.cidrBlock ?? "10.0.0.0/16")})`,
      `${plural(subnets, "subnet")} (${specs.map((s) => s.toLowerCase()).join(" + ")} in each of ${plural(zones, "AZ")})`,
      `${plural(subnets, "route table")} and ${plural(subnets, "route table association")}`,
      count("Public") > 0
        ? `1 internet gateway, with a 0.0.0.0/0 route from each of the ${plural(count("Public"), "public route table")}`
        : "1 internet gateway (awsx always creates it; no subnet routes to it)",
    ];
    lines.push(
      nats > 0
        ? `${plural(nats, "NAT gateway")} (${strategy}) with ${plural(nats, "Elastic IP")}, and a 0.0.0.0/0 route to them from each of the ${plural(count("Private"), "private route table")}`
        : "no NAT gateway: the subnets reach AWS only through VPC endpoints",
    );
    return lines;
  }
  if (resource.type === "awsx:ecr:Image") {
    return [
      `docker build of ${String(inputs.context)} (${String(inputs.dockerfile)}) for ${String(inputs.platform ?? "the host platform")}`,
      `push to ${String(inputs.repositoryUrl)}:${String(inputs.imageTag ?? "latest")}; no other AWS resource`,
    ];
  }
  return [];
}

/** The detail lines shown under one resource by `plan --details`. */
function resourceDetailLines(resource: RecordedResource): string[] {
  const expansion = componentExpansion(resource).map((line) => `will create: ${line}`);
  if (resource.type === "aws:ec2/securityGroup:SecurityGroup") {
    const rest = Object.fromEntries(
      Object.entries(resource.inputs).filter(([key]) => key !== "ingress" && key !== "egress"),
    );
    return [...securityGroupRules(resource.inputs), ...yamlLines(rest)];
  }
  return [...expansion, ...(resource.custom ? yamlLines(readableInputs(resource.inputs)) : [])];
}

function yamlLines(value: Record<string, unknown>): string[] {
  if (Object.keys(value).length === 0) {
    return [];
  }
  return stringify(value, { lineWidth: 0 }).trimEnd().split("\n");
}

/** The resource tree with each resource's inputs (and what awsx components create) under it. */
export function renderResourceDetails(resources: RecordedResource[]): string {
  return renderResourceTree(resources, resourceDetailLines);
}

/** `plan --json`: everything the text plan shows, as one document. */
export function planDocument(
  stack: string,
  run: OfflineRun,
  findings: Finding[],
  cost: CostEstimate,
): Record<string, unknown> {
  return {
    stack,
    resources: run.resources.map((resource) => ({
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      parent: resource.parent || undefined,
      inputs: readableInputs(resource.inputs),
      willCreate: componentExpansion(resource),
    })),
    outputs: run.outputs,
    warnings: run.warnings,
    findings,
    cost,
  };
}
