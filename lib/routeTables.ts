/** A route table as DescribeRouteTables (or the provider's getRouteTable) describes it. */
export interface RouteTableView {
  routeTableId: string;
  associations: { subnetId?: string; main?: boolean }[];
}

/**
 * The route table each subnet uses. A subnet with no explicit association uses the VPC's main
 * route table ("Route tables for your VPC", Amazon VPC user guide: "If you don't explicitly
 * associate a subnet with a particular route table, the subnet is implicitly associated with the
 * main route table"); a DescribeRouteTables filter on `association.subnet-id` finds explicit
 * associations only, so the main table must be looked up as the table with `main: true`.
 * `undefined` for a subnet when the VPC's tables were not all given.
 */
export function routeTableOfSubnet(tables: RouteTableView[], subnetId: string): string | undefined {
  const explicit = tables.find((t) => t.associations.some((a) => a.subnetId === subnetId));
  const main = tables.find((t) => t.associations.some((a) => a.main === true));
  return (explicit ?? main)?.routeTableId;
}

/** The distinct route tables a set of subnets uses, sorted. */
export function routeTablesOfSubnets(tables: RouteTableView[], subnetIds: string[]): string[] {
  const ids = subnetIds
    .map((subnetId) => routeTableOfSubnet(tables, subnetId))
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)].sort();
}
