import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { parseDefinition, runTaskStates } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";

/** Subnet ids the stack itself marks as public: awsx public subnets and auto-public subnets. */
function publicSubnetIds(resources: PolicyResource[]): Set<string> {
  const ids = new Set<string>();
  for (const resource of resources) {
    if (resource.type === TYPES.awsxVpc) {
      for (const id of (resource.props.publicSubnetIds as string[] | undefined) ?? []) {
        ids.add(id);
      }
    }
    if (resource.type === TYPES.subnet && resource.props.mapPublicIpOnLaunch === true) {
      ids.add(String(resource.props.id));
    }
  }
  return ids;
}

/** The subnets each ECS service, task set and run-task state uses. */
function subnetUsers(
  resources: PolicyResource[],
): { urn: string; where: string; subnets: string[] }[] {
  const users: { urn: string; where: string; subnets: string[] }[] = [];
  for (const resource of resources) {
    if (resource.type === TYPES.service || resource.type === TYPES.taskSet) {
      const network = resource.props.networkConfiguration as { subnets?: string[] } | undefined;
      users.push({
        urn: resource.urn,
        where: "networkConfiguration.subnets",
        subnets: network?.subnets ?? [],
      });
    }
    if (resource.type === TYPES.stateMachine) {
      const definition = parseDefinition(resource.props.definition);
      for (const { path, state } of definition ? runTaskStates(definition) : []) {
        const parameters = state.Parameters as {
          NetworkConfiguration?: { AwsvpcConfiguration?: { Subnets?: string[] } };
        };
        const subnets = parameters?.NetworkConfiguration?.AwsvpcConfiguration?.Subnets ?? [];
        users.push({ urn: resource.urn, where: `state ${path}`, subnets });
      }
    }
  }
  return users;
}

/** Tasks run in private subnets, where that is knowable from the stack. */
export const ecsPrivateSubnets: StackValidationPolicy = {
  name: "ecs-private-subnets",
  description:
    "ECS services and state-machine run-tasks must use private subnets (no auto-assigned public IPs, " +
    "not the public subnets of the stack's VPC), so tasks are never directly reachable from the internet.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const publicIds = publicSubnetIds(args.resources);
    for (const user of subnetUsers(args.resources)) {
      const offending = user.subnets.filter((id) => publicIds.has(id));
      if (offending.length > 0) {
        reportViolation(
          `${user.where} uses public subnet(s) ${offending.join(", ")}; use the VPC's private subnets ` +
            "(fargate-access:network.privateSubnetIds in existing mode).",
          user.urn,
        );
      }
    }
  },
};
