import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";
import { describe, ofType } from "./stackLookup";
import { Undecided } from "./unknowns";

/**
 * Subnets of the stack that are public, with why. AWS calls a subnet public when its route table
 * has a route to an internet gateway (Amazon VPC user guide, "Subnets for your VPC": "Public
 * subnet – The subnet has a direct route to an internet gateway"), whatever the destination: a
 * route for 0.0.0.0/1 is as public as one for 0.0.0.0/0. A subnet without an explicit
 * association uses its VPC's main route table ("Route tables": "Main route table").
 * Also public: subnets that map public IPs on launch and awsx's public subnets.
 */
export function publicSubnets(
  resources: PolicyResource[],
  undecided: Undecided,
): Map<string, string> {
  const reasons = new Map<string, string>();
  const internetGateways = new Set(
    ofType(resources, TYPES.internetGateway).flatMap(
      (gateway) => undecided.attempt(describe(gateway), () => [String(gateway.props.id)]) ?? [],
    ),
  );
  const toInternet = (target: unknown) =>
    typeof target === "string" && (target.startsWith("igw-") || internetGateways.has(target));

  const publicTables = new Map<string, string>();
  for (const resource of resources) {
    undecided.attempt(describe(resource), () => {
      const props = resource.props;
      if (resource.type === TYPES.route && toInternet(props.gatewayId)) {
        publicTables.set(
          String(props.routeTableId),
          `route ${resource.name} to ${props.gatewayId}`,
        );
      }
      if (resource.type === TYPES.routeTable || resource.type === TYPES.defaultRouteTable) {
        const routes = (props.routes as { gatewayId?: unknown }[] | undefined) ?? [];
        const route = routes.find((candidate) => toInternet(candidate.gatewayId));
        if (route) {
          const reason = `route table ${resource.name} routes to ${route.gatewayId}`;
          publicTables.set(String(props.id), reason);
          if (props.defaultRouteTableId) {
            publicTables.set(String(props.defaultRouteTableId), reason);
          }
        }
      }
      if (resource.type === TYPES.subnet && props.mapPublicIpOnLaunch === true) {
        reasons.set(String(props.id), `subnet ${resource.name} maps public IPs on launch`);
      }
      if (resource.type === TYPES.awsxVpc) {
        for (const id of (props.publicSubnetIds as string[] | undefined) ?? []) {
          reasons.set(id, `a public subnet of ${resource.name}`);
        }
      }
    });
  }

  const explicitlyAssociated = new Set<string>();
  for (const association of ofType(resources, TYPES.routeTableAssociation)) {
    undecided.attempt(describe(association), () => {
      const subnet = association.props.subnetId;
      if (typeof subnet !== "string") {
        return;
      }
      explicitlyAssociated.add(subnet);
      const reason = publicTables.get(String(association.props.routeTableId));
      if (reason) {
        reasons.set(subnet, `${reason} (association ${association.name})`);
      }
    });
  }

  const mainTables = mainRouteTables(resources, undecided);
  for (const subnet of ofType(resources, TYPES.subnet)) {
    undecided.attempt(describe(subnet), () => {
      const id = String(subnet.props.id);
      const main = mainTables.get(String(subnet.props.vpcId));
      const reason = main === undefined ? undefined : publicTables.get(main);
      if (!explicitlyAssociated.has(id) && reason && !reasons.has(id)) {
        reasons.set(id, `${reason} (the VPC's main route table)`);
      }
    });
  }
  return reasons;
}

/** VPC id → its main route table id (an explicit main association wins over the default). */
function mainRouteTables(resources: PolicyResource[], undecided: Undecided): Map<string, string> {
  const main = new Map<string, string>();
  for (const vpc of ofType(resources, TYPES.vpc)) {
    undecided.attempt(describe(vpc), () => {
      if (vpc.props.defaultRouteTableId) {
        main.set(String(vpc.props.id), String(vpc.props.defaultRouteTableId));
      }
    });
  }
  for (const association of ofType(resources, TYPES.mainRouteTableAssociation)) {
    undecided.attempt(describe(association), () =>
      main.set(String(association.props.vpcId), String(association.props.routeTableId)),
    );
  }
  return main;
}
