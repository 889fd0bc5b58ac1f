import { PolicyResource } from "@pulumi/policy";
import { isTrue } from "../lib/providerBooleans";
import { Undecided } from "../lib/unknowns";

/**
 * The subnets of a stack and which of them are public, whatever provider wrote them.
 *
 * AWS calls a subnet public when its route table has a route to an internet gateway (Amazon VPC
 * user guide, "Subnets for your VPC": "Public subnet – The subnet has a direct route to an
 * internet gateway"), whatever the destination: a route for 0.0.0.0/1 is as public as one for
 * 0.0.0.0/0. A subnet without an explicit association uses its VPC's main route table ("Route
 * tables": "Main route table"). Every default subnet is public, and a default VPC's main route
 * table routes 0.0.0.0/0 to its internet gateway (VPC user guide, "Default VPCs": "Default VPC
 * components"). A subnet that maps public IPs on launch gives its tasks internet addresses.
 */
export { isTrue };

export interface SubnetModel {
  /** Subnet id → why it is public. */
  publicReasons: Map<string, string>;
  /** Ids of every subnet the stack itself defines: only these can be judged. */
  known: Set<string>;
  /**
   * Subnets of the stack that use their VPC's main route table (no explicit association) while
   * that table is not in the stack (a VPC from outside): subnet id → why it cannot be judged.
   */
  unjudged: Map<string, string>;
}

/** Where each provider spells a route, an association and a subnet (their input types). */
const ROUTES: Record<string, { table: string; gateway: string }> = {
  "aws:ec2/route:Route": { table: "routeTableId", gateway: "gatewayId" },
  "aws-native:ec2:Route": { table: "routeTableId", gateway: "gatewayId" },
};
const ROUTE_TABLES: Record<string, { ids: string[] }> = {
  "aws:ec2/routeTable:RouteTable": { ids: ["id"] },
  // A default route table is the VPC's main table; the provider takes it by defaultRouteTableId.
  "aws:ec2/defaultRouteTable:DefaultRouteTable": { ids: ["id", "defaultRouteTableId"] },
};
const ASSOCIATIONS: Record<string, { subnet: string; table: string }> = {
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    subnet: "subnetId",
    table: "routeTableId",
  },
  "aws-native:ec2:SubnetRouteTableAssociation": { subnet: "subnetId", table: "routeTableId" },
};
const SUBNETS: Record<string, { ids: string[] }> = {
  "aws:ec2/subnet:Subnet": { ids: ["id"] },
  "aws-native:ec2:Subnet": { ids: ["subnetId", "id"] },
};
const INTERNET_GATEWAYS: Record<string, string[]> = {
  "aws:ec2/internetGateway:InternetGateway": ["id"],
  "aws-native:ec2:InternetGateway": ["internetGatewayId", "id"],
};
const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
const VPC = "aws:ec2/vpc:Vpc";
const MAIN_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
const AWSX_VPC = "awsx:ec2:Vpc";

const strings = (...values: unknown[]) =>
  values.filter((value): value is string => typeof value === "string" && value !== "");

/** Builds the subnet model of a stack; resources with unknown values are noted as undecided. */
export function subnetModel(resources: PolicyResource[], undecided: Undecided): SubnetModel {
  const each = (types: Record<string, unknown>, judge: (resource: PolicyResource) => void) => {
    for (const resource of resources.filter((candidate) => candidate.type in types)) {
      undecided.attemptOn(resource, () => judge(resource));
    }
  };
  const gateways = new Set<string>();
  each(INTERNET_GATEWAYS, (gateway) => {
    for (const id of strings(...INTERNET_GATEWAYS[gateway.type].map((k) => gateway.props[k]))) {
      gateways.add(id);
    }
  });
  const toInternet = (target: unknown) =>
    typeof target === "string" && (target.startsWith("igw-") || gateways.has(target));

  const publicTables = new Map<string, string>();
  const mainTables = new Map<string, string>();
  each({ [DEFAULT_VPC]: 1 }, (vpc) => {
    const [id, table] = strings(vpc.props.id, vpc.props.defaultRouteTableId);
    if (id && table) {
      mainTables.set(id, table);
      publicTables.set(table, `the default VPC ${vpc.name}'s main route table`);
    }
  });
  each(ROUTE_TABLES, (table) => {
    const routes = Array.isArray(table.props.routes) ? table.props.routes : [];
    const route = (routes as { gatewayId?: unknown }[]).find((r) => toInternet(r.gatewayId));
    for (const id of strings(...ROUTE_TABLES[table.type].ids.map((key) => table.props[key]))) {
      // A table the stack manages is judged by its own routes, even the default VPC's.
      publicTables.delete(id);
      if (route) {
        publicTables.set(id, `route table ${table.name} routes to ${route.gatewayId}`);
      }
    }
  });
  each(ROUTES, (route) => {
    const spelling = ROUTES[route.type];
    if (toInternet(route.props[spelling.gateway])) {
      publicTables.set(
        String(route.props[spelling.table]),
        `route ${route.name} to ${route.props[spelling.gateway]}`,
      );
    }
  });
  each({ [VPC]: 1 }, (vpc) => {
    const [id, table] = strings(vpc.props.id, vpc.props.defaultRouteTableId);
    if (id && table) mainTables.set(id, table);
  });
  each({ [MAIN_ASSOCIATION]: 1 }, (association) =>
    mainTables.set(String(association.props.vpcId), String(association.props.routeTableId)),
  );

  const publicReasons = new Map<string, string>();
  const known = new Set<string>();
  const unjudged = new Map<string, string>();
  const explicitTable = new Map<string, string>();
  each(ASSOCIATIONS, (association) => {
    const spelling = ASSOCIATIONS[association.type];
    const [subnet] = strings(association.props[spelling.subnet]);
    if (subnet) {
      explicitTable.set(subnet, String(association.props[spelling.table]));
      const reason = publicTables.get(String(association.props[spelling.table]));
      if (reason) publicReasons.set(subnet, `${reason} (association ${association.name})`);
    }
  });
  each(SUBNETS, (subnet) => {
    const [id] = strings(...SUBNETS[subnet.type].ids.map((key) => subnet.props[key]));
    if (!id) return;
    known.add(id);
    const main = mainTables.get(String(subnet.props.vpcId));
    const reason = main === undefined ? undefined : publicTables.get(main);
    if (isTrue(subnet.props.mapPublicIpOnLaunch)) {
      publicReasons.set(id, `subnet ${subnet.name} maps public IPs on launch`);
    } else if (!explicitTable.has(id) && reason && !publicReasons.has(id)) {
      publicReasons.set(id, `${reason} (the VPC's main route table)`);
    } else if (!explicitTable.has(id) && main === undefined && !publicReasons.has(id)) {
      unjudged.set(
        id,
        `uses the main route table of VPC ${String(subnet.props.vpcId)}, which the stack does not define`,
      );
    }
  });
  each({ [DEFAULT_SUBNET]: 1 }, (subnet) => {
    for (const id of strings(subnet.props.id)) {
      known.add(id);
      publicReasons.set(id, `${subnet.name} is a default subnet (public by design)`);
    }
  });
  each({ [AWSX_VPC]: 1 }, (vpc) => {
    for (const key of ["publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds", "subnetIds"]) {
      const ids = Array.isArray(vpc.props[key]) ? strings(...(vpc.props[key] as unknown[])) : [];
      ids.forEach((id) => known.add(id));
      if (key === "publicSubnetIds") {
        ids.forEach((id) => publicReasons.set(id, `a public subnet of ${vpc.name}`));
      }
    }
  });
  return { publicReasons, known, unjudged };
}
