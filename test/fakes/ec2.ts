import { FakeAwsError, FakeService } from "./fakeService";

export interface FakeRouteTable {
  RouteTableId: string;
  VpcId: string;
  /** Subnets explicitly associated; `main` marks the VPC's main route table. */
  subnets: string[];
  main?: boolean;
  routes?: { DestinationCidrBlock: string; NatGatewayId?: string; GatewayId?: string }[];
}

export interface FakeVpcWorld {
  subnets: { SubnetId: string; VpcId: string; AvailabilityZone: string }[];
  /** The VPCs' DNS attributes (DescribeVpcAttribute); a VPC not listed does not exist. */
  vpcs?: { VpcId: string; EnableDnsSupport: boolean; EnableDnsHostnames: boolean }[];
  routeTables: FakeRouteTable[];
  endpoints?: { VpcEndpointId: string; VpcId: string; ServiceName: string; State: string }[];
}

type Filter = { Name: string; Values: string[] };

/**
 * EC2's route-table, subnet and endpoint descriptions, with the rules that matter here
 * (EC2 API reference, DescribeRouteTables):
 * - `association.subnet-id` matches explicit subnet associations only; a subnet without one uses
 *   the main route table, which carries an association with `Main: true` and no SubnetId
 *   ("Route tables for your VPC", Amazon VPC user guide).
 * - `association.main` = "true" | "false"; several filters AND together, values within one OR.
 * - Results come in pages of at most `MaxResults` (5 to 100) with a NextToken.
 * - DescribeVpcAttribute takes one `Attribute` (enableDnsSupport | enableDnsHostnames | …) and
 *   answers `{ VpcId, EnableDnsSupport: { Value } }` (EC2 API reference); an unknown VPC is
 *   InvalidVpcID.NotFound.
 * - CreateVpcEndpoint (Interface) takes at most one subnet per Availability Zone:
 *   DuplicateSubnetsInSameZone, "Found another VPC endpoint subnet in the availability zone of
 *   subnet-…" (terraform-aws-modules/terraform-aws-vpc#451, #583); private DNS needs the VPC's
 *   enableDnsSupport and enableDnsHostnames (AWS PrivateLink guide, "DNS hostnames"): the
 *   service answers InvalidParameter.
 */
export function fakeEc2(world: FakeVpcWorld, pageSize = 5): FakeService {
  const matches = (table: FakeRouteTable, filter: Filter): boolean => {
    switch (filter.Name) {
      case "vpc-id":
        return filter.Values.includes(table.VpcId);
      case "route-table-id":
        return filter.Values.includes(table.RouteTableId);
      case "association.subnet-id":
        return table.subnets.some((s) => filter.Values.includes(s));
      case "association.main":
        return filter.Values.includes(String(table.main === true));
      default:
        throw new FakeAwsError("InvalidParameterValue", `The filter '${filter.Name}' is invalid`);
    }
  };
  const describe = (table: FakeRouteTable) => ({
    RouteTableId: table.RouteTableId,
    VpcId: table.VpcId,
    Associations: [
      ...(table.main ? [{ Main: true, RouteTableId: table.RouteTableId }] : []),
      ...table.subnets.map((SubnetId) => ({
        Main: false,
        SubnetId,
        RouteTableId: table.RouteTableId,
      })),
    ],
    Routes: (table.routes ?? []).map((route) => ({ ...route, State: "active" })),
  });
  return {
    DescribeRouteTables: (input) => {
      const filters = (input.Filters as Filter[] | undefined) ?? [];
      const ids = input.RouteTableIds as string[] | undefined;
      const found = world.routeTables.filter(
        (t) => filters.every((f) => matches(t, f)) && (!ids || ids.includes(t.RouteTableId)),
      );
      const size = Math.min(Number(input.MaxResults ?? pageSize), pageSize);
      const start = Number(input.NextToken ?? 0);
      const page = found.slice(start, start + size);
      const next = start + size < found.length ? String(start + size) : undefined;
      return { RouteTables: page.map(describe), ...(next ? { NextToken: next } : {}) };
    },
    DescribeVpcAttribute: (input) => {
      const vpc = world.vpcs?.find((v) => v.VpcId === input.VpcId);
      if (!vpc) {
        throw new FakeAwsError(
          "InvalidVpcID.NotFound",
          `The vpc ID '${String(input.VpcId)}' does not exist`,
        );
      }
      const key = {
        enableDnsSupport: "EnableDnsSupport",
        enableDnsHostnames: "EnableDnsHostnames",
      }[String(input.Attribute)] as "EnableDnsSupport" | "EnableDnsHostnames" | undefined;
      if (!key) {
        throw new FakeAwsError(
          "InvalidParameterValue",
          `Value (${String(input.Attribute)}) for parameter attribute is invalid.`,
        );
      }
      return { VpcId: vpc.VpcId, [key]: { Value: vpc[key] } };
    },
    CreateVpcEndpoint: (input) => {
      const ids = (input.SubnetIds as string[] | undefined) ?? [];
      const zones = new Map<string, string>();
      for (const id of ids) {
        const subnet = world.subnets.find((s) => s.SubnetId === id);
        if (!subnet) {
          throw new FakeAwsError(
            "InvalidSubnetID.NotFound",
            `The subnet ID '${id}' does not exist`,
          );
        }
        if (input.VpcEndpointType === "Interface" && zones.has(subnet.AvailabilityZone)) {
          throw new FakeAwsError(
            "DuplicateSubnetsInSameZone",
            `Found another VPC endpoint subnet in the availability zone of ${zones.get(subnet.AvailabilityZone)}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
          );
        }
        zones.set(subnet.AvailabilityZone, id);
      }
      const vpc = world.vpcs?.find((v) => v.VpcId === input.VpcId);
      if (input.PrivateDnsEnabled === true && !(vpc?.EnableDnsSupport && vpc.EnableDnsHostnames)) {
        throw new FakeAwsError(
          "InvalidParameter",
          "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true",
        );
      }
      return { VpcEndpoint: { VpcEndpointId: `vpce-${ids.length}`, SubnetIds: ids } };
    },
    DescribeSubnets: (input) => ({
      Subnets: world.subnets.filter((s) => (input.SubnetIds as string[]).includes(s.SubnetId)),
    }),
    // Filters are applied to each page after it is cut, so a page can come back empty with a
    // NextToken: "An API operation can return fewer results than the maximum even when there
    // are more results available. You should check NextToken after every operation" (AWS API
    // references' MaxResults text); boto/boto3#2643 shows an empty filtered page with a token.
    DescribeVpcEndpoints: (input) => {
      const filters = (input.Filters as Filter[] | undefined) ?? [];
      const value = (name: string) => filters.find((f) => f.Name === name)?.Values;
      const start = Number(input.NextToken ?? 0);
      const all = world.endpoints ?? [];
      const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
      return {
        VpcEndpoints: all
          .slice(start, start + pageSize)
          .filter(
            (e) =>
              (value("vpc-id")?.includes(e.VpcId) ?? true) &&
              (value("service-name")?.includes(e.ServiceName) ?? true) &&
              (value("vpc-endpoint-state")?.includes(e.State) ?? true),
          ),
        ...(next ? { NextToken: next } : {}),
      };
    },
  };
}

interface DescribedTable {
  RouteTableId: string;
  Associations: { Main: boolean; SubnetId?: string; RouteTableId: string }[];
}

/**
 * The AWS provider's lookups (`aws.ec2.getRouteTables`/`getRouteTable`, `getSubnet`, `getVpc`),
 * answered from the fake through the EC2 calls the provider makes (route tables: all pages).
 */
export function ec2Invokes(ec2: FakeService) {
  const describeAll = (input: Record<string, unknown>): DescribedTable[] => {
    const tables: DescribedTable[] = [];
    let NextToken: string | undefined;
    do {
      const page = ec2.DescribeRouteTables({ ...input, NextToken }) as {
        RouteTables: DescribedTable[];
        NextToken?: string;
      };
      tables.push(...page.RouteTables);
      NextToken = page.NextToken;
    } while (NextToken);
    return tables;
  };
  return (token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined => {
    if (token === "aws:ec2/getRouteTables:getRouteTables") {
      const filters = ((inputs.filters as { name: string; values: string[] }[]) ?? []).map((f) => ({
        Name: f.name,
        Values: f.values,
      }));
      const Filters = inputs.vpcId
        ? [{ Name: "vpc-id", Values: [inputs.vpcId] }, ...filters]
        : filters;
      return { id: "route-tables", ids: describeAll({ Filters }).map((t) => t.RouteTableId) };
    }
    if (token === "aws:ec2/getSubnet:getSubnet") {
      const { Subnets } = ec2.DescribeSubnets({ SubnetIds: [inputs.id] }) as {
        Subnets: { SubnetId: string; VpcId: string; AvailabilityZone: string }[];
      };
      const [subnet] = Subnets;
      return {
        id: subnet.SubnetId,
        vpcId: subnet.VpcId,
        availabilityZone: subnet.AvailabilityZone,
      };
    }
    if (token === "aws:ec2/getVpc:getVpc") {
      const attribute = (name: string, key: string) =>
        (
          ec2.DescribeVpcAttribute({ VpcId: inputs.id, Attribute: name }) as Record<
            string,
            { Value: boolean }
          >
        )[key].Value;
      return {
        id: inputs.id,
        enableDnsSupport: attribute("enableDnsSupport", "EnableDnsSupport"),
        enableDnsHostnames: attribute("enableDnsHostnames", "EnableDnsHostnames"),
      };
    }
    if (token === "aws:ec2/getRouteTable:getRouteTable") {
      const [table] = describeAll({ RouteTableIds: [inputs.routeTableId] });
      return {
        routeTableId: table.RouteTableId,
        associations: table.Associations.map((a) => ({
          main: a.Main,
          subnetId: a.SubnetId ?? "",
          routeTableId: a.RouteTableId,
        })),
      };
    }
    return undefined;
  };
}
