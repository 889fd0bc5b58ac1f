import { PolicyResource } from "@pulumi/policy";
import { ecsTaskStatesOf } from "../lib/asl";
import { Undecided } from "../lib/unknowns";
import { AddressRange, coversEveryAddress, Family, parseCidr } from "./addressRanges";

/**
 * Security groups of the stack whose ingress rules, together, admit every address of a family,
 * from every spelling of an ingress rule: inline `ingress` of aws.ec2.SecurityGroup,
 * aws.ec2.SecurityGroupRule of type ingress, aws.vpc.SecurityGroupIngressRule (`cidrIpv4` /
 * `cidrIpv6`, one per rule, the provider's recommended form), and aws-native
 * `AWS::EC2::SecurityGroup` (`securityGroupIngress`) / `AWS::EC2::SecurityGroupIngress`
 * (`cidrIp` / `cidrIpv6`) (CloudFormation resource reference; Pulumi AWS provider docs).
 */
export interface WorldOpenGroup {
  /** The group id the rules name. */
  groupId: string;
  /** The stack's resource that defines the group, when it is in the stack. */
  group?: PolicyResource;
  /** The families whose whole address space may connect. */
  families: Family[];
  /** The resources whose rules open it, for messages. */
  openedBy: string[];
}

/** One spelling of ingress: which rules a resource carries and which group they belong to. */
interface IngressRule {
  groupId: unknown;
  cidrs: unknown[];
}

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

type Props = Record<string, unknown>;

const INGRESS: Record<string, (props: Props) => IngressRule[]> = {
  "aws:ec2/securityGroup:SecurityGroup": (props) =>
    list(props.ingress).map((rule) => ({
      groupId: props.id,
      cidrs: [...list((rule as Props).cidrBlocks), ...list((rule as Props).ipv6CidrBlocks)],
    })),
  "aws:ec2/securityGroupRule:SecurityGroupRule": (props) =>
    props.type === "ingress"
      ? [
          {
            groupId: props.securityGroupId,
            cidrs: [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)],
          },
        ]
      : [],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (props) => [
    { groupId: props.securityGroupId, cidrs: [props.cidrIpv4, props.cidrIpv6] },
  ],
  "aws-native:ec2:SecurityGroup": (props) =>
    list(props.securityGroupIngress).map((rule) => ({
      groupId: props.groupId ?? props.id,
      cidrs: [(rule as Props).cidrIp, (rule as Props).cidrIpv6],
    })),
  "aws-native:ec2:SecurityGroupIngress": (props) => [
    { groupId: props.groupId, cidrs: [props.cidrIp, props.cidrIpv6] },
  ],
};

const GROUP_TYPES = ["aws:ec2/securityGroup:SecurityGroup", "aws-native:ec2:SecurityGroup"];

/** Every group of the stack that admits a whole address family. */
export function worldOpenGroups(
  resources: PolicyResource[],
  undecided: Undecided,
): WorldOpenGroup[] {
  const ranges = new Map<string, { ranges: AddressRange[]; openedBy: Set<string> }>();
  for (const resource of resources.filter((candidate) => candidate.type in INGRESS)) {
    undecided.attemptOn(resource, () => {
      for (const rule of INGRESS[resource.type](resource.props)) {
        const parsed = rule.cidrs.map(parseCidr).filter((range) => range !== undefined);
        if (typeof rule.groupId !== "string" || parsed.length === 0) continue;
        const entry = ranges.get(rule.groupId) ?? { ranges: [], openedBy: new Set<string>() };
        entry.ranges.push(...parsed);
        entry.openedBy.add(resource.name);
        ranges.set(rule.groupId, entry);
      }
    });
  }
  const open: WorldOpenGroup[] = [];
  for (const [groupId, entry] of ranges) {
    const families = (["IPv4", "IPv6"] as Family[]).filter((family) =>
      coversEveryAddress(entry.ranges, family),
    );
    if (families.length > 0) {
      const group = resources.find(
        (resource) =>
          GROUP_TYPES.includes(resource.type) &&
          (resource.props.id === groupId || resource.props.groupId === groupId),
      );
      open.push({ groupId, group, families, openedBy: [...entry.openedBy].sort() });
    }
  }
  return open;
}

/** Where the resources that run the stack's code name their security groups. */
const ATTACHMENTS: Record<string, string[][]> = {
  "aws:ecs/service:Service": [["networkConfiguration", "securityGroups"]],
  "aws:ecs/taskSet:TaskSet": [["networkConfiguration", "securityGroups"]],
  "aws:cloudwatch/eventTarget:EventTarget": [
    ["ecsTarget", "networkConfiguration", "securityGroups"],
  ],
  "aws:scheduler/schedule:Schedule": [
    ["target", "ecsParameters", "networkConfiguration", "securityGroups"],
  ],
  "aws:pipes/pipe:Pipe": [
    [
      "targetParameters",
      "ecsTaskParameters",
      "networkConfiguration",
      "awsVpcConfiguration",
      "securityGroups",
    ],
  ],
  "aws:batch/computeEnvironment:ComputeEnvironment": [["computeResources", "securityGroupIds"]],
  "aws:lambda/function:Function": [["vpcConfig", "securityGroupIds"]],
  "aws-native:lambda:Function": [["vpcConfig", "securityGroupIds"]],
  "aws-native:ecs:Service": [["networkConfiguration", "awsvpcConfiguration", "securityGroups"]],
};

function at(props: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      typeof value === "object" && value !== null ? (value as Props)[key] : undefined,
    props,
  );
}

/**
 * Group id → the resources that run tasks or functions in it: ECS services, task sets, EventBridge
 * targets, schedules, pipes, Batch compute environments, Lambda functions (`vpcConfig`) and the
 * run-task states of state machines (`NetworkConfiguration.AwsvpcConfiguration.SecurityGroups`).
 */
export function attachedGroups(
  resources: PolicyResource[],
  undecided: Undecided,
): Map<string, string[]> {
  const attached = new Map<string, string[]>();
  const attach = (ids: unknown, user: string) => {
    for (const id of list(ids).filter((value): value is string => typeof value === "string")) {
      attached.set(id, [...(attached.get(id) ?? []), user]);
    }
  };
  for (const resource of resources) {
    undecided.attemptOn(resource, () => {
      for (const path of ATTACHMENTS[resource.type] ?? []) {
        attach(at(resource.props, path), resource.name);
      }
      for (const { path, state } of ecsTaskStatesOf(resource.type, resource.props)) {
        const input = state.Parameters ?? state.Arguments;
        attach(
          at(input, ["NetworkConfiguration", "AwsvpcConfiguration", "SecurityGroups"]),
          `${resource.name} state ${path}`,
        );
      }
    });
  }
  return attached;
}
