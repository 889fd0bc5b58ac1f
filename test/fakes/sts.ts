import {
  ContextValue,
  PolicyDocument,
  evaluateRoleTrust,
} from "../../policies/iam/requestEvaluation";
import { FakeAwsError, FakeService } from "./fakeService";

/** Who holds a long-lived access key: an IAM user (with an MFA device, or none). */
export interface FakeIamUser {
  arn: string;
  /** `aws:userid` of an IAM user: its unique id (AIDA…). */
  userId: string;
  mfa?: { serial: string; code: string };
}

/** An IAM Identity Center (or other) role session the test starts with, by its access key. */
export interface FakeRoleSession {
  /** The role's ARN with its path (`aws:PrincipalArn`). */
  roleArn: string;
  sessionName: string;
  /** What the session says of MFA (Identity Center sessions: see operatorTrust.test.ts). */
  mfaPresent?: boolean;
  sourceIdentity?: string;
}

export interface FakeStsOptions {
  /** Trust policies by role ARN: AssumeRole is then judged as IAM judges it. */
  trust?: Record<string, PolicyDocument>;
  /** Long-lived keys (AKIA…) by key id; any other AKIA key is the IAM user `operator`. */
  users?: Record<string, FakeIamUser>;
  /** Session keys (ASIA…) the test hands out by key id. */
  roleSessions?: Record<string, FakeRoleSession>;
}

export interface FakeSts {
  service: FakeService;
  /** Sessions handed out: which key acts as which role, under which names. */
  sessions: {
    accessKeyId: string;
    roleArn: string;
    roleSessionName: string;
    sourceIdentity?: string;
    mfa: boolean;
  }[];
}

const ACCOUNT = "123456789012";
const DEFAULT_USER: FakeIamUser = {
  arn: `arn:aws:iam::${ACCOUNT}:user/operator`,
  userId: "AIDAFAKEOPERATOR",
};

const validation = (member: string, value: string, rule: string) =>
  new FakeAwsError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`,
  );

/**
 * STS AssumeRole and GetCallerIdentity, with STS's rules (each with its source):
 * - RoleSessionName: 2-64 characters from [\w+=,.@-] (SDK model client-sts AssumeRoleRequest).
 * - SourceIdentity: 2-64 characters from [\w+=,.@-], not starting with `aws:` (same model; IAM
 *   User Guide, "Monitor and control actions taken with assumed roles").
 * - A source identity, once set, persists through role chaining and cannot be changed: a chained
 *   AssumeRole that sets another one is denied, one that sets none keeps it (same guide, "Role
 *   chaining and cross-account requirements").
 * - SerialNumber [\w+=/:,.@-]; TokenCode six digits; a wrong code is AccessDenied (same model;
 *   "the AssumeRole call returns an access denied error").
 * - With `trust`, the role's trust policy decides, through policies/iam/requestEvaluation.ts;
 *   else the roles in `assumable` may be assumed by anyone (the older, trust-less tests).
 */
export function createFakeSts(assumable: string[], options: FakeStsOptions = {}): FakeSts {
  const sessions: FakeSts["sessions"] = [];
  const roleSessions = new Map(Object.entries(options.roleSessions ?? {}));

  type Caller =
    | { kind: "user"; user: FakeIamUser }
    | { kind: "session"; session: FakeRoleSession; roleArn: string };
  const callerOf = (accessKeyId = ""): Caller => {
    const session = roleSessions.get(accessKeyId);
    if (session) return { kind: "session", session, roleArn: session.roleArn };
    const handed = sessions.find((s) => s.accessKeyId === accessKeyId);
    if (handed) {
      return {
        kind: "session",
        roleArn: handed.roleArn,
        session: {
          roleArn: handed.roleArn,
          sessionName: handed.roleSessionName,
          mfaPresent: handed.mfa,
          sourceIdentity: handed.sourceIdentity,
        },
      };
    }
    return { kind: "user", user: options.users?.[accessKeyId] ?? DEFAULT_USER };
  };
  const roleName = (roleArn: string) => roleArn.split("/").pop() ?? "";
  const sessionArn = (roleArn: string, name: string) =>
    `arn:aws:sts::${roleArn.split(":")[4]}:assumed-role/${roleName(roleArn)}/${name}`;

  const service: FakeService = {
    GetCallerIdentity: (_input, signer) => {
      const caller = callerOf(signer?.accessKeyId);
      if (caller.kind === "user") {
        return { UserId: caller.user.userId, Account: ACCOUNT, Arn: caller.user.arn };
      }
      return {
        UserId: `AROAFAKE:${caller.session.sessionName}`,
        Account: caller.roleArn.split(":")[4],
        Arn: sessionArn(caller.roleArn, caller.session.sessionName),
      };
    },
    AssumeRole: (input, signer) => {
      const roleArn = String(input.RoleArn ?? "");
      const roleSessionName = String(input.RoleSessionName ?? "");
      if (!/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) {
        throw validation("roleSessionName", roleSessionName, "[\\w+=,.@-]{2,64}");
      }
      const requested =
        input.SourceIdentity === undefined ? undefined : String(input.SourceIdentity);
      if (requested !== undefined && !/^[\w+=,.@-]{2,64}$/.test(requested)) {
        throw validation("sourceIdentity", requested, "[\\w+=,.@-]{2,64}");
      }
      const serial = input.SerialNumber === undefined ? undefined : String(input.SerialNumber);
      const code = input.TokenCode === undefined ? undefined : String(input.TokenCode);
      if (serial !== undefined && !/^[\w+=/:,.@-]{9,256}$/.test(serial)) {
        throw validation("serialNumber", serial, "[\\w+=/:,.@-]{9,256}");
      }
      if (code !== undefined && !/^\d{6}$/.test(code)) {
        throw validation("tokenCode", code, "[\\d]{6}");
      }
      const caller = callerOf(signer?.accessKeyId);
      const inherited = caller.kind === "session" ? caller.session.sourceIdentity : undefined;
      if (inherited !== undefined && requested !== undefined && requested !== inherited) {
        throw new FakeAwsError(
          "AccessDenied",
          `User is not authorized to perform: sts:SetSourceIdentity on resource: ${roleArn}: the session's source identity ${inherited} cannot be changed`,
          403,
        );
      }
      let mfa = caller.kind === "session" ? caller.session.mfaPresent === true : false;
      if (serial !== undefined) {
        const device = caller.kind === "user" ? caller.user.mfa : undefined;
        if (!device || device.serial !== serial || device.code !== code) {
          throw new FakeAwsError(
            "AccessDenied",
            "MultiFactorAuthentication failed with invalid MFA one time pass code.",
            403,
          );
        }
        mfa = true;
      }
      const sourceIdentity = requested ?? inherited;
      const trust = options.trust?.[roleArn];
      if (trust) {
        const principalArn = caller.kind === "user" ? caller.user.arn : caller.roleArn;
        const context: Record<string, ContextValue> =
          caller.kind === "user"
            ? {
                "aws:username": caller.user.arn.split("/").pop() ?? "",
                "aws:userid": caller.user.userId,
                // Long-lived keys carry no MFA key unless the call presented a code.
                ...(mfa ? { "aws:MultiFactorAuthPresent": true } : {}),
              }
            : {
                "aws:userid": `AROAFAKE:${caller.session.sessionName}`,
                ...(caller.session.mfaPresent !== undefined
                  ? { "aws:MultiFactorAuthPresent": caller.session.mfaPresent }
                  : {}),
                ...(inherited ? { "aws:SourceIdentity": inherited } : {}),
              };
        if (sourceIdentity !== undefined) context["sts:SourceIdentity"] = sourceIdentity;
        const actions = ["sts:AssumeRole", ...(sourceIdentity ? ["sts:SetSourceIdentity"] : [])];
        for (const action of actions) {
          const { decision } = evaluateRoleTrust(
            trust,
            { principalArn },
            { action, resource: roleArn, context },
          );
          if (decision !== "allowed") {
            throw new FakeAwsError(
              "AccessDenied",
              `User: ${principalArn} is not authorized to perform: ${action} on resource: ${roleArn}`,
              403,
            );
          }
        }
      } else if (!assumable.includes(roleArn)) {
        throw new FakeAwsError(
          "AccessDenied",
          `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          403,
        );
      }
      const accessKeyId = `ASIAFAKE${String(sessions.length + 1).padStart(12, "0")}`;
      sessions.push({ accessKeyId, roleArn, roleSessionName, sourceIdentity, mfa });
      return {
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: "fake-secret",
          SessionToken: "fake-session-token",
          Expiration: new Date(Date.now() + 3600_000),
        },
        AssumedRoleUser: {
          AssumedRoleId: `AROAFAKE:${roleSessionName}`,
          Arn: sessionArn(roleArn, roleSessionName),
        },
        ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
      };
    },
  };
  return { service, sessions };
}
