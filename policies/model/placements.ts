import { PolicyResource } from "@pulumi/policy";
import { Launcher, launchersOf, stackLaunchersOf } from "./launchers";

/** Where a resource places tasks: a property path (or a state, or a step) and the subnet ids it names. */
export interface Placement {
  where: string;
  subnets: string[];
}

const placed = (found: Launcher[]): Placement[] =>
  found.flatMap((launcher) =>
    launcher.networks.map((network) => ({
      where: network.subnetsWhere,
      subnets: network.subnets,
    })),
  );

export function placementsOf(resource: PolicyResource): Placement[] {
  return placed(launchersOf(resource));
}

/** Placements seen with the whole stack: Auto Scaling groups that are ECS capacity too. */
export function stackPlacementsOf(
  resources: PolicyResource[],
): (resource: PolicyResource) => Placement[] {
  const launchersOfResource = stackLaunchersOf(resources);
  return (resource) => placed(launchersOfResource(resource));
}
