import { PolicyResource } from "@pulumi/policy";
import { isTrue } from "../lib/providerBooleans";
import { dependedOn, knownProps, referencesOf } from "../lib/roleStatements";
import { ContainerOrigin } from "./containers";
import type { Launcher, LauncherNetwork } from "./launchers";

/**
 * EC2 capacity for the ECS EC2 launch type: the instances that run tasks, and so the network
 * those tasks get (with `bridge` or `host` networking a task uses its instance's interface).
 *
 * - An instance or a launch template is ECS capacity when its user data sets `ECS_CLUSTER` (the
 *   ECS agent's cluster, written to /etc/ecs/ecs.config: Amazon ECS developer guide,
 *   "Bootstrapping Amazon ECS Linux container instances with Amazon EC2 user data").
 * - An Auto Scaling group is ECS capacity when a capacity provider of the stack names it
 *   (`autoScalingGroupProvider.autoScalingGroupArn`, Pulumi AWS ecs.CapacityProvider), or when its
 *   launch template is ECS capacity.
 * - A public IP: `associatePublicIpAddress` of a launch template's `networkInterfaces[]` (the
 *   `aws` provider spells it as a string, "true") or of an instance (Pulumi AWS
 *   ec2.LaunchTemplate, ec2.Instance). Subnets: an instance's `subnetId`, a group's
 *   `vpcZoneIdentifiers`, a launch template interface's `subnetId`.
 */

export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const INSTANCE = "aws:ec2/instance:Instance";
export const AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
export const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";

type Props = Record<string, unknown>;
const asRecord = (value: unknown): Props =>
  typeof value === "object" && value !== null ? (value as Props) : {};
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === "string" && item !== "",
  );

/** User data that joins an ECS cluster, as written or base64-encoded. */
export function joinsEcsCluster(userData: unknown): boolean {
  if (typeof userData !== "string") return false;
  const decoded = Buffer.from(userData, "base64").toString("utf8");
  return [userData, decoded].some((text) => /\bECS_CLUSTER\s*=/.test(text));
}

const originOf = (resource: PolicyResource): ContainerOrigin => ({
  urn: resource.urn,
  name: resource.name,
  type: resource.type,
});

function network(publicIpWhere: string, assign: unknown, subnetsWhere: string, subnets: unknown) {
  return {
    publicIpWhere,
    subnetsWhere,
    // Normalised: the provider's "true" string is the boolean it spells.
    assignPublicIp: isTrue(assign) ? true : assign,
    subnets: strings(subnets),
    fromInput: [],
  } satisfies LauncherNetwork;
}

function launchTemplateNetworks(template: PolicyResource): LauncherNetwork[] {
  const interfaces = knownProps(template).props.networkInterfaces;
  return (Array.isArray(interfaces) ? interfaces : []).map((item, index) => {
    const at = `networkInterfaces[${index}]`;
    const { associatePublicIpAddress, subnetId } = asRecord(item);
    return network(
      `${at}.associatePublicIpAddress`,
      associatePublicIpAddress,
      `${at}.subnetId`,
      subnetId,
    );
  });
}

/** The EC2 capacity one resource is by its own settings (an instance or a launch template). */
export function capacityOf(resource: PolicyResource): Launcher[] {
  const { props } = knownProps(resource);
  if (resource.type === LAUNCH_TEMPLATE && joinsEcsCluster(props.userData)) {
    return [
      {
        origin: originOf(resource),
        kind: "ec2Capacity",
        where: "",
        networks: launchTemplateNetworks(resource),
      },
    ];
  }
  if (resource.type === INSTANCE && joinsEcsCluster(props.userData ?? props.userDataBase64)) {
    return [
      {
        origin: originOf(resource),
        kind: "ec2Capacity",
        where: "",
        networks: [
          network(
            "associatePublicIpAddress",
            props.associatePublicIpAddress,
            "subnetId",
            props.subnetId,
          ),
        ],
      },
    ];
  }
  return [];
}

/** The launch template ids and names an Auto Scaling group launches from. */
function templatesOf(group: Props): string[] {
  const direct = asRecord(group.launchTemplate);
  const mixed = asRecord(
    asRecord(asRecord(group.mixedInstancesPolicy).launchTemplate).launchTemplateSpecification,
  );
  return strings([direct.id, direct.name, mixed.launchTemplateId, mixed.launchTemplateName]);
}

/**
 * The Auto Scaling groups of a stack that are ECS capacity, each with the subnets it launches
 * instances into. Linked by ARN or name, or (a first preview) by the capacity provider's
 * dependency on the group (lib/roleStatements.ts `dependedOn`).
 */
export function capacityGroups(resources: PolicyResource[]): Launcher[] {
  const named = new Set<string>();
  const linked = new Set<PolicyResource>();
  for (const provider of resources.filter((resource) => resource.type === CAPACITY_PROVIDER)) {
    const { props } = knownProps(provider);
    strings(asRecord(props.autoScalingGroupProvider).autoScalingGroupArn).forEach((arn) => {
      named.add(arn);
      named.add(arn.replace(/^.*:autoScalingGroupName\//, ""));
    });
    dependedOn(provider, "autoScalingGroupProvider", AUTO_SCALING_GROUP).forEach((group) =>
      linked.add(group),
    );
  }
  const ecsTemplates = new Set(
    resources
      .filter((resource) => capacityOf(resource).length > 0 && resource.type === LAUNCH_TEMPLATE)
      .flatMap((template) => [...referencesOf(template)]),
  );
  return resources
    .filter((resource) => resource.type === AUTO_SCALING_GROUP)
    .filter(
      (group) =>
        linked.has(group) ||
        [...referencesOf(group)].some((reference) => named.has(reference)) ||
        templatesOf(knownProps(group).props).some((template) => ecsTemplates.has(template)),
    )
    .map((group) => ({
      origin: originOf(group),
      kind: "ec2Capacity" as const,
      where: "",
      networks: [
        network("", undefined, "vpcZoneIdentifiers", knownProps(group).props.vpcZoneIdentifiers),
      ],
    }));
}
