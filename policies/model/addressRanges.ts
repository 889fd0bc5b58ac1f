/**
 * CIDR blocks as ranges of addresses, to tell whether some blocks together cover every address
 * of their family. A security group allows the union of its rules (Amazon VPC user guide,
 * "Security group rules": rules are permissive, traffic matching any rule is allowed), so
 * 0.0.0.0/1 plus 128.0.0.0/1 opens a port to the world just as 0.0.0.0/0 does.
 */
export type Family = "IPv4" | "IPv6";

export interface AddressRange {
  family: Family;
  first: bigint;
  last: bigint;
}

const BITS: Record<Family, number> = { IPv4: 32, IPv6: 128 };

function ipv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return undefined;
  }
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

function ipv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) {
    return undefined;
  }
  const groups = halves.map((half) => (half === "" ? [] : half.split(":")));
  const missing = 8 - groups.reduce((count, group) => count + group.length, 0);
  if ((halves.length === 1 && missing !== 0) || missing < 0) {
    return undefined;
  }
  const all =
    halves.length === 1 ? groups[0] : [...groups[0], ...Array(missing).fill("0"), ...groups[1]];
  if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) {
    return undefined;
  }
  return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

/** The addresses a CIDR block names (host bits ignored, as EC2 masks them); undefined if invalid. */
export function parseCidr(cidr: unknown): AddressRange | undefined {
  if (typeof cidr !== "string") {
    return undefined;
  }
  const match = /^\s*([0-9a-fA-F.:]+)\/(\d{1,3})\s*$/.exec(cidr);
  if (!match) {
    return undefined;
  }
  const family: Family = match[1].includes(":") ? "IPv6" : "IPv4";
  const address = family === "IPv4" ? ipv4(match[1]) : ipv6(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > BITS[family]) {
    return undefined;
  }
  const hostBits = BigInt(BITS[family] - prefix);
  const first = (address >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

/** True when the ranges of `family` among `ranges` together hold every address of the family. */
export function coversEveryAddress(ranges: AddressRange[], family: Family): boolean {
  const sorted = ranges
    .filter((range) => range.family === family)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let next = 0n;
  for (const range of sorted) {
    if (range.first > next) {
      return false;
    }
    if (range.last + 1n > next) {
      next = range.last + 1n;
    }
  }
  return next === 1n << BigInt(BITS[family]);
}
