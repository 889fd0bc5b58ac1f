/**
 * Interface endpoints take at most one subnet per Availability Zone: EC2 CreateVpcEndpoint and
 * ModifyVpcEndpoint refuse a second with DuplicateSubnetsInSameZone ("Found another VPC endpoint
 * subnet in the availability zone of subnet-…": terraform-aws-modules/terraform-aws-vpc#451,
 * #583). The first listed subnet of each zone is kept, so the choice is stable across plans.
 */
export function oneSubnetPerZone(subnets: { id: string; availabilityZone: string }[]): string[] {
  const seen = new Set<string>();
  return subnets
    .filter((s) => !seen.has(s.availabilityZone) && seen.add(s.availabilityZone))
    .map((s) => s.id);
}

/** The two VPC attributes private DNS of an interface endpoint needs. */
export interface VpcDnsAttributes {
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

/**
 * Why the endpoints' private DNS cannot work in `vpcId`, with the fix; `undefined` when it can.
 * "To use private DNS, you must set both enableDnsHostnames and enableDnsSupport to true"
 * (Amazon VPC PrivateLink guide, "Access an AWS service using an interface VPC endpoint",
 * DNS hostnames); CreateVpcEndpoint with privateDnsEnabled fails otherwise.
 */
export function vpcDnsProblem(vpcId: string, attributes: VpcDnsAttributes): string | undefined {
  const off = (["enableDnsSupport", "enableDnsHostnames"] as const).filter((a) => !attributes[a]);
  if (off.length === 0) return undefined;
  const fixes = off
    .map(
      (a) =>
        `aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --${a.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} '{"Value":true}'`,
    )
    .join(" && ");
  return `VPC ${vpcId} has ${off.join(" and ")} off: the VPC endpoints' private DNS needs both on (AWS PrivateLink guide). Turn ${off.length > 1 ? "them" : "it"} on: ${fixes}; or set fargate-access:network.vpcEndpoints: false and route through a NAT gateway`;
}
