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
  subnets: { SubnetId: string; VpcId: string }[];
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
 * The AWS provider's route-table functions (`aws.ec2.getRouteTables`/`getRouteTable`), answered
 * from the fake through DescribeRouteTables as the provider calls it (all pages).
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
