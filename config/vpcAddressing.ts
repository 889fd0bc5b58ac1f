import { PROJECT_NAME as CONFIG_NAMESPACE } from "../lib/projectName";
import { show } from "./fieldReader";

/**
 * What the addresses of a VPC this program creates (`network.mode: create`) must and should be,
 * decided from the config alone so that a user learns it from the plan, not from a failed deploy.
 */

/** An IPv4 CIDR block as a 32-bit network address and a prefix length. */
interface Block {
  address: number;
  prefix: number;
}

function parseBlock(cidr: string): Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return {
    address: octets.reduce((sum, octet) => sum * 256 + octet, 0),
    prefix: Number(match[5]),
  };
}

/** True when every address of `inner` lies in `outer`. */
function within(inner: Block, outer: Block): boolean {
  if (inner.prefix < outer.prefix) return false;
  const size = 2 ** (32 - outer.prefix);
  return Math.floor(inner.address / size) === Math.floor(outer.address / size);
}

function overlaps(a: Block, b: Block): boolean {
  return within(a, b) || within(b, a);
}

const block = (cidr: string): Block => parseBlock(cidr) as Block;

/**
 * Ranges no host can be addressed in, so no VPC can use them: "this network" (RFC 1122 §3.2.1.3),
 * loopback (RFC 1122), link-local (RFC 3927; in a VPC it also carries the instance metadata and
 * DNS addresses, 169.254.169.254 and 169.254.169.253), multicast (RFC 5771) and the reserved
 * class E and broadcast range (RFC 1112 §4).
 */
const UNUSABLE: readonly { cidr: string; what: string }[] = [
  { cidr: "0.0.0.0/8", what: `"this network" (RFC 1122)` },
  { cidr: "127.0.0.0/8", what: "loopback (RFC 1122)" },
  {
    cidr: "169.254.0.0/16",
    what: "link-local, where a VPC serves instance metadata and DNS (RFC 3927)",
  },
  { cidr: "224.0.0.0/4", what: "multicast (RFC 5771)" },
  { cidr: "240.0.0.0/4", what: "reserved (RFC 1112)" },
];

/**
 * The private ranges AWS recommends for a VPC (RFC 1918, "VPC CIDR blocks", Amazon VPC User
 * Guide), and the shared address space (RFC 6598) that a VPC may also use without meeting the
 * internet's hosts.
 */
const PRIVATE: readonly string[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
];

/** What is wrong with a VPC CIDR block (refused) and what is unwise (warned), by `cidrBlock`. */
export function vpcCidrFindings(cidrBlock: string): { problems: string[]; warnings: string[] } {
  const key = `${CONFIG_NAMESPACE}:network.cidrBlock`;
  const parsed = parseBlock(cidrBlock);
  if (!parsed) return { problems: [], warnings: [] };
  const unusable = UNUSABLE.find((range) => overlaps(parsed, block(range.cidr)));
  if (unusable) {
    return {
      problems: [
        `${key}: ${show(cidrBlock)} lies in ${unusable.cidr}, ${unusable.what}: no task could be addressed there. Use a private range such as 10.0.0.0/16, 172.16.0.0/16 or 192.168.0.0/16.`,
      ],
      warnings: [],
    };
  }
  if (PRIVATE.some((range) => within(parsed, block(range)))) {
    return { problems: [], warnings: [] };
  }
  return {
    problems: [],
    warnings: [
      `${key}: ${show(cidrBlock)} is publicly routable, not a private range (RFC 1918): inside the VPC these addresses would shadow the real internet hosts that own them, so tasks could not reach those hosts through NAT. AWS recommends 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 ("VPC CIDR blocks", Amazon VPC User Guide).`,
    ],
  };
}

/** AWS keeps the first four and the last address of every subnet ("Subnet CIDR blocks", Amazon VPC User Guide). */
export const RESERVED_ADDRESSES_PER_SUBNET = 5;

/**
 * The prefix length of each task subnet awsx creates: `subnetStrategy: Auto` gives each AZ
 * `vpcPrefix + ceil(log2(AZs))` bits and each of the AZ's subnet specs (no `cidrMask` given)
 * another `ceil(log2(specs))` (pulumi-awsx `awsx/ec2/subnetDistributorNew.ts`,
 * `getSubnetSpecs`); with NAT the AZ holds a private and a public subnet, without it one
 * isolated subnet (components/network.ts).
 */
export function taskSubnetPrefix(
  vpcPrefix: number,
  availabilityZones: number,
  withNat: boolean,
): number {
  const bits = (count: number) => Math.ceil(Math.log2(count));
  return vpcPrefix + bits(availabilityZones) + bits(withNat ? 2 : 1);
}

export interface SubnetDemand {
  cidrBlock: string;
  availabilityZones: number;
  withNat: boolean;
  /** Interface endpoints created in the task subnets: each puts one network interface in every one. */
  interfaceEndpoints: number;
  desiredCount: number;
}

/**
 * Every Fargate task takes an address of its own (awsvpc), a rolling deployment runs old and new
 * tasks side by side (ECS `maximumPercent` defaults to 200), a one-off task (Step Functions,
 * `npm run task`) takes one more, and each interface endpoint holds one address in each subnet
 * ("Access an AWS service using an interface VPC endpoint", AWS PrivateLink guide). Tasks spread
 * over AZs, but one AZ may have to hold them all when the others fail, so one subnet must.
 */
export function subnetCapacityFindings(demand: SubnetDemand): {
  problems: string[];
  warnings: string[];
} {
  const parsed = parseBlock(demand.cidrBlock);
  if (!parsed) return { problems: [], warnings: [] };
  const prefix = taskSubnetPrefix(parsed.prefix, demand.availabilityZones, demand.withNat);
  const usable = 2 ** (32 - prefix) - RESERVED_ADDRESSES_PER_SUBNET;
  const needed = demand.interfaceEndpoints + 2 * demand.desiredCount + 1;
  const layout = `${show(demand.cidrBlock)} over ${demand.availabilityZones} availability zones gives each task subnet a /${prefix}: ${usable} usable addresses after the ${RESERVED_ADDRESSES_PER_SUBNET} AWS reserves`;
  const demandText = `${demand.interfaceEndpoints} for interface endpoints, ${2 * demand.desiredCount} for desiredCount ${demand.desiredCount} during a deployment and 1 for a one-off task`;
  const advice = `Use a larger cidrBlock (e.g. /${Math.max(16, parsed.prefix - 2)}) or fewer availabilityZones.`;
  const key = `${CONFIG_NAMESPACE}:network.cidrBlock`;
  if (needed > usable) {
    return {
      problems: [
        `${key}: ${layout}, but one subnet must hold ${needed} (${demandText}). ${advice}`,
      ],
      warnings: [],
    };
  }
  if (usable < 2 * needed) {
    return {
      problems: [],
      warnings: [
        `${key}: ${layout}, and one subnet already needs ${needed} (${demandText}), which leaves ${usable - needed} spare: a larger desiredCount or another endpoint would not fit. ${advice}`,
      ],
    };
  }
  return { problems: [], warnings: [] };
}
