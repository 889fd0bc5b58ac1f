/** Value formats shared by several config sections. */
export const IAM_PRINCIPAL_ARN =
  /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/;
export const IAM_PRINCIPAL_DESCRIPTION =
  "an IAM role, user or account-root ARN such as arn:aws:iam::123456789012:role/oncall (no wildcards)";

export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
/** An SNS topic (not a subscription): `arn:aws:sns:REGION:ACCOUNT:NAME`, FIFO names end in `.fifo`. */
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
export const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
export const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
export const NON_EMPTY = /\S/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** `rate(1 hour)`, `rate(15 minutes)` or `cron(...)`, as EventBridge scheduled rules take them. */
export function isScheduleExpression(value: string): boolean {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(value);
  if (rate) {
    const count = Number(rate[1]);
    const plural = rate[2].endsWith("s");
    return count > 0 && plural === count > 1;
  }
  const cron = /^cron\((.*)\)$/.exec(value);
  return cron !== null && isCronFields(cron[1]);
}

/**
 * The characters each field of an EventBridge cron expression may hold, in order: minutes,
 * hours, day-of-month, month, day-of-week, year ("Cron expressions reference", Amazon
 * EventBridge User Guide: six required fields).
 */
const CRON_FIELDS = [
  /^[\d,\-*/]+$/,
  /^[\d,\-*/]+$/,
  /^[\d,\-*?/LW]+$/,
  /^[\dA-Za-z,\-*/]+$/,
  /^[\dA-Za-z,\-*?L#]+$/,
  /^[\d,\-*/]+$/,
];

/**
 * Six fields, each with its own characters, and `?` in day-of-month or day-of-week: "If you
 * specify a value or a * in one of the fields, you must use a ? in the other" (same page).
 */
function isCronFields(text: string): boolean {
  const fields = text.trim().split(/\s+/);
  return (
    fields.length === CRON_FIELDS.length &&
    fields.every((field, index) => CRON_FIELDS[index].test(field)) &&
    (fields[2] === "?" || fields[4] === "?")
  );
}

/**
 * `10.0.0.1/16` → `10.0.0.0/16`: the block's network address, or `undefined` when `value` is
 * not an IPv4 CIDR block.
 */
export function cidrNetworkAddress(value: string): string | undefined {
  const match = IPV4_CIDR.exec(value);
  if (!match) {
    return undefined;
  }
  const address = match
    .slice(1, 5)
    .map(Number)
    .reduce((sum, octet) => sum * 256 + octet, 0);
  const prefix = Number(match[5]);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/** A CIDR block with a prefix from 16 to 24, big enough to split across AZs. */
export function isVpcCidr(value: string): boolean {
  const match = IPV4_CIDR.exec(value);
  if (!match) {
    return false;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  return octets.every((octet) => octet <= 255) && prefix >= 16 && prefix <= 24;
}
