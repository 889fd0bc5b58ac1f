import { KNOWN_ENDPOINT_SERVICES } from "../lib/knownEndpointServices";
import { didYouMean } from "../lib/suggest";
import { FieldReader, show } from "./fieldReader";
import { NON_EMPTY, SUBNET_ID, VPC_ID, cidrNetworkAddress, isVpcCidr } from "./patterns";
import { SectionValue, field, readFields } from "./schema";
import { NAT_GATEWAY_OPTIONS } from "./options";

/** `fargate-access:network` with `mode: create`: a new VPC built by awsx. */
export type CreateNetworkConfig = SectionValue<typeof CREATE_NETWORK_FIELDS> & { mode: "create" };

/** `fargate-access:network` with `mode: existing`: reuse a VPC and its private subnets. */
export type ExistingNetworkConfig = Omit<
  SectionValue<typeof EXISTING_NETWORK_FIELDS>,
  "vpcId" | "privateSubnetIds"
> & { mode: "existing"; vpcId: string; privateSubnetIds: string[] };

export type NetworkConfig = CreateNetworkConfig | ExistingNetworkConfig;

const DEFAULT_CIDR = "10.0.0.0/16";
const CIDR_HINT = "an IPv4 CIDR block with a prefix from /16 to /24, such as 10.0.0.0/16";

/** `network.mode`: which of the two sections below applies. */
export const NETWORK_MODE_FIELD = field.oneOf(["create", "existing"] as const, "create", {
  doc: "a new VPC, or an existing one",
});

/** `fargate-access:network` with `mode: create` (the default): a new VPC built by awsx. */
export const CREATE_NETWORK_FIELDS = {
  cidrBlock: field.string(isVpcCidr, CIDR_HINT, DEFAULT_CIDR, {
    doc: "written as its network address (`10.0.0.1/16` is refused: AWS would create `10.0.0.0/16`); loopback, link-local and multicast ranges are refused and public ranges warned (use RFC 1918); each task subnet must hold the interface endpoints, twice `desiredCount` and one one-off task",
  }),
  availabilityZones: field.integer(1, 6, 2),
  natGateways: field.oneOf(NAT_GATEWAY_OPTIONS, "none", {
    doc: "`none` leaves the VPC endpoints as the only way out",
  }),
  vpcEndpoints: field.boolean(true, {
    doc: "interface endpoints for exactly what the strategies need, plus the S3 gateway endpoint",
  }),
};

/** `fargate-access:network` with `mode: existing`: reuse a VPC and its private subnets. */
export const EXISTING_NETWORK_FIELDS = {
  vpcId: field.optionalString(VPC_ID, "a VPC id such as vpc-0abc1234", {
    defaultText: "— (required)",
  }),
  privateSubnetIds: field.optionalNonEmptyList(
    SUBNET_ID,
    "private subnet ids such as subnet-0abc1234",
    { defaultText: "— (required)", doc: "the tasks run there" },
  ),
  // Default false: the VPC is assumed to already reach AWS.
  vpcEndpoints: field.boolean(false, {
    doc: "interface endpoints for exactly what the strategies need, plus the S3 gateway endpoint",
  }),
  existingEndpointServices: {
    ...field.stringList(
      NON_EMPTY,
      `short endpoint service names (${KNOWN_ENDPOINT_SERVICES.join(", ")})`,
      {
        doc: "endpoint services the VPC already has: not created again (EC2 refuses a second private-DNS interface endpoint or a second S3 gateway on the same route tables); their security groups must allow 443 from the tasks",
      },
    ),
    read: readEndpointServiceNames,
  },
};

/**
 * `existingEndpointServices` keeps the stack from creating an endpoint the VPC has; a name the
 * stack never creates would keep nothing from being created (a typo would be silently ignored),
 * so each must be one of {@link KNOWN_ENDPOINT_SERVICES}, written short (`ssm`, not the full
 * `com.amazonaws.REGION.ssm` that EC2 names it).
 */
function readEndpointServiceNames(section: FieldReader, key: string): string[] {
  const names = section.stringList(key, NON_EMPTY, "endpoint service names such as ssm or logs");
  const known: readonly string[] = KNOWN_ENDPOINT_SERVICES;
  for (const name of names ?? []) {
    if (known.includes(name)) {
      continue;
    }
    const short = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(name)?.[1];
    const hint =
      short !== undefined && known.includes(short)
        ? ` Write the short name ${show(short)}.`
        : didYouMean(name, known);
    section.fail(
      key,
      `${show(name)} is not an endpoint service this stack creates.${hint} Use any of ${known.join(", ")}.`,
    );
  }
  return (names ?? []).filter((name) => known.includes(name));
}

/** Validates `fargate-access:network`; an absent section means a new VPC with endpoints only. */
export function readNetworkConfig(section: FieldReader): NetworkConfig {
  return NETWORK_MODE_FIELD.read(section, "mode") === "existing"
    ? readExisting(section)
    : readCreate(section);
}

/** Keys of `fields` the other mode declares: refused with the mode named, not as unknown. */
function otherModeKeys(own: object, other: object): string[] {
  return Object.keys(other).filter((key) => !(key in own));
}

function readCreate(section: FieldReader): NetworkConfig {
  const foreign = otherModeKeys(CREATE_NETWORK_FIELDS, EXISTING_NETWORK_FIELDS);
  section.rejectKeys(foreign, "with mode: create (use mode: existing)");
  const config = readFields(CREATE_NETWORK_FIELDS, section, ["mode", ...foreign]);
  // EC2 CreateVpc "modif[ies] the specified CIDR block to its canonical form" (SDK model,
  // CreateVpcRequest.CidrBlock): the VPC would silently differ from the config.
  const network = cidrNetworkAddress(config.cidrBlock);
  if (network !== undefined && network !== config.cidrBlock) {
    section.fail(
      "cidrBlock",
      `${show(config.cidrBlock)} has host bits set, so AWS would create ${network} instead; write ${network}.`,
    );
  }
  if (config.natGateways === "none" && !config.vpcEndpoints) {
    section.fail(
      "vpcEndpoints",
      "false is not allowed with natGateways: none: tasks in private subnets would have no route " +
        "to ECR, CloudWatch Logs or SSM. Set vpcEndpoints: true, or natGateways: single or onePerAz.",
    );
  }
  return { ...config, mode: "create" };
}

function readExisting(section: FieldReader): NetworkConfig {
  const foreign = otherModeKeys(EXISTING_NETWORK_FIELDS, CREATE_NETWORK_FIELDS);
  section.rejectKeys(foreign, "with mode: existing (they describe a VPC this program creates)");
  const config = readFields(EXISTING_NETWORK_FIELDS, section, ["mode", ...foreign]);
  if (!section.has("vpcId")) {
    section.fail("vpcId", "is required with mode: existing.");
  }
  if (!section.has("privateSubnetIds")) {
    section.fail("privateSubnetIds", "is required with mode: existing (the tasks run there).");
  }
  return {
    ...config,
    mode: "existing",
    vpcId: config.vpcId ?? "",
    privateSubnetIds: config.privateSubnetIds ?? [],
  };
}
