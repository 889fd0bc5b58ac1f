import { UsageError } from "../offline/stackFiles";

/**
 * STS's rule for SourceIdentity: 2 to 64 characters, letters, digits, `_` and `+=,.@-` only, and
 * not starting with `aws:` (SDK model client-sts AssumeRoleRequest.SourceIdentity; IAM User
 * Guide, "Monitor and control actions taken with assumed roles", things to know). The character
 * set has no `:`, so the reserved prefix cannot pass it either.
 */
export const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

/** TokenCode: "a sequence of six numeric digits" (SDK model client-sts AssumeRoleRequest). */
export const MFA_CODE = /^\d{6}$/;

/** Who the caller is, from the ARN GetCallerIdentity returns. */
export interface CallerName {
  kind: "iamUser" | "roleSession" | "federatedUser" | "root";
  /** The IAM user name, the role session name, or the federated user name. */
  name: string;
  /** For a role session: the role's name (an Identity Center role starts `AWSReservedSSO_`). */
  role?: string;
}

/**
 * `arn:aws:iam::ACCOUNT:user/PATH/NAME`, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`
 * (IAM Identity Center sessions are named after the user, who signed in as them),
 * `arn:aws:sts::ACCOUNT:federated-user/NAME`, or `arn:aws:iam::ACCOUNT:root` (IAM User Guide,
 * "IAM identifiers", ARNs of users, role sessions and federated users).
 */
export function callerName(arn: string): CallerName {
  const resource = arn.split(":").slice(5).join(":");
  if (resource === "root") return { kind: "root", name: "root" };
  const [type, ...rest] = resource.split("/");
  if (type === "user") return { kind: "iamUser", name: rest[rest.length - 1] ?? "" };
  if (type === "assumed-role") return { kind: "roleSession", role: rest[0], name: rest[1] ?? "" };
  if (type === "federated-user") return { kind: "federatedUser", name: rest[0] ?? "" };
  throw new UsageError(
    `--assume-operator-role: cannot tell who ${arn} is (not an IAM user, role session or federated user); call as yourself.`,
  );
}

/**
 * The source identity the operator role's trust expects of this caller: an IAM user's own name
 * (the trust compares it with `${aws:username}`), else the session's name (an Identity Center
 * user's name: the trust compares it with the end of `aws:userid`).
 */
export function sourceIdentityOf(caller: CallerName): string {
  if (caller.kind === "root") {
    throw new UsageError(
      "--assume-operator-role: you are calling as the account's root user, which names no person; sign in as an IAM user or through IAM Identity Center.",
    );
  }
  if (!SOURCE_IDENTITY.test(caller.name)) {
    throw new UsageError(
      `--assume-operator-role: your name ${JSON.stringify(caller.name)} cannot be a source identity: STS allows 2 to 64 letters, digits and _+=,.@- only. Ask for a user or session name that fits.`,
    );
  }
  return caller.name;
}
