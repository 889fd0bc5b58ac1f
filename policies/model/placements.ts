import { PolicyResource } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";
import { launchNetworks, subnetsOf } from "../lib/taskLaunchers";

/** Where a resource places tasks: a property path (or a state) and the subnet ids it names. */
export interface Placement {
  where: string;
  subnets: string[];
}

export function placementsOf(resource: PolicyResource): Placement[] {
  if (resource.type === TYPES.stateMachine) {
    const read = readDefinition(resource.props.definition);
    return read.kind === "parsed"
      ? read.definition.ecsTaskStates.map(({ path, network }) => ({
          where: `state ${path}`,
          subnets: network.subnets ?? [],
        }))
      : [];
  }
  return launchNetworks(resource.type, resource.props).map((network) => ({
    where: `${network.where}.subnets`,
    subnets: subnetsOf(network),
  }));
}
