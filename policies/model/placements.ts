import { PolicyResource } from "@pulumi/policy";
import { launchersOf } from "./launchers";

/** Where a resource places tasks: a property path (or a state, or a step) and the subnet ids it names. */
export interface Placement {
  where: string;
  subnets: string[];
}

export function placementsOf(resource: PolicyResource): Placement[] {
  return launchersOf(resource).flatMap((launcher) =>
    launcher.networks.map((network) => ({
      where: network.subnetsWhere,
      subnets: network.subnets,
    })),
  );
}
