import { FieldReader, show } from "./fieldReader";
import { SUBNET_ID, VPC_ID, cidrNetworkAddress, isVpcCidr } from "./patterns";
import { NAT_GATEWAY_OPTIONS, NetworkConfig } from "./types";

/** Validates `fargate-access:network`; an absent section means a new VPC with endpoints only. */
export function readNetworkConfig(section: FieldReader | undefined): NetworkConfig {
  const mode = section?.oneOf("mode", ["create", "existing"] as const, "create") ?? "create";
  return mode === "existing" && section ? readExisting(section) : readCreate(section);
}

function readCreate(section: FieldReader | undefined): NetworkConfig {
  section?.rejectKeys(
    ["vpcId", "privateSubnetIds", "existingEndpointServices"],
    "with mode: create (use mode: existing)",
  );
  section?.rejectUnknownKeys("network");
  const cidrBlock =
    section?.string("cidrBlock", isVpcCidr, CIDR_HINT, DEFAULT_CIDR) ?? DEFAULT_CIDR;
  // EC2 CreateVpc "modif[ies] the specified CIDR block to its canonical form" (SDK model,
  // CreateVpcRequest.CidrBlock): the VPC would silently differ from the config.
  const network = cidrNetworkAddress(cidrBlock);
  if (network !== undefined && network !== cidrBlock) {
    section?.fail(
      "cidrBlock",
      `${show(cidrBlock)} has host bits set, so AWS would create ${network} instead; write ${network}.`,
    );
  }
  const natGateways = section?.oneOf("natGateways", NAT_GATEWAY_OPTIONS, "none") ?? "none";
  const vpcEndpoints = section?.boolean("vpcEndpoints", true) ?? true;
  if (natGateways === "none" && !vpcEndpoints) {
    section?.fail(
      "vpcEndpoints",
      "false is not allowed with natGateways: none: tasks in private subnets would have no route " +
        "to ECR, CloudWatch Logs or SSM. Set vpcEndpoints: true, or natGateways: single or onePerAz.",
    );
  }
  return {
    mode: "create",
    cidrBlock,
    availabilityZones: section?.integer("availabilityZones", 2, 1, 6) ?? 2,
    natGateways,
    vpcEndpoints,
  };
}

function readExisting(section: FieldReader): NetworkConfig {
  section.rejectKeys(
    ["cidrBlock", "availabilityZones", "natGateways"],
    "with mode: existing (they describe a VPC this program creates)",
  );
  section.rejectUnknownKeys("network");
  const vpcId = section.string("vpcId", VPC_ID, "a VPC id such as vpc-0abc1234");
  if (vpcId === undefined && !section.has("vpcId")) {
    section.fail("vpcId", "is required with mode: existing.");
  }
  const subnetHint = "private subnet ids such as subnet-0abc1234";
  const privateSubnetIds = section.stringList("privateSubnetIds", SUBNET_ID, subnetHint, {
    nonEmpty: true,
  });
  if (privateSubnetIds === undefined && !section.has("privateSubnetIds")) {
    section.fail("privateSubnetIds", "is required with mode: existing (the tasks run there).");
  }
  return {
    mode: "existing",
    vpcId: vpcId ?? "",
    privateSubnetIds: privateSubnetIds ?? [],
    vpcEndpoints: section.boolean("vpcEndpoints", false),
    existingEndpointServices:
      section.stringList(
        "existingEndpointServices",
        /^[a-z0-9][a-z0-9.-]*$/,
        "endpoint service names such as ssm, logs or s3",
      ) ?? [],
  };
}

const DEFAULT_CIDR = "10.0.0.0/16";
const CIDR_HINT = "an IPv4 CIDR block with a prefix from /16 to /24, such as 10.0.0.0/16";
