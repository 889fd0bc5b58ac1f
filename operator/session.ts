import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import * as os from "os";
import type { StackOutputs } from "../lib/stackOutputs";
import type { StrategyName } from "../strategies/strategyName";
import { UsageError } from "../offline/stackFiles";
import type { CommandIo } from "./io";
import { CallerName, MFA_CODE, callerName, sourceIdentityOf } from "./sourceIdentity";

/** Temporary credentials, in the shape every SDK v3 client takes as `credentials`. */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Who calls AWS, and where: the same for every client a command makes. */
export interface AwsSession {
  region: string;
  /** Set after `--assume-operator-role`; otherwise the SDK's default chain. */
  credentials?: AwsCredentialIdentity;
}

/** The client options for a session: `{ region, credentials? }`. */
export function clientConfig(session: AwsSession) {
  return session.credentials
    ? { region: session.region, credentials: session.credentials }
    : { region: session.region };
}

/**
 * Environment for a child `aws` CLI that must act as the session: the assumed role's keys
 * replace any profile, so the CLI's own chain cannot pick other credentials first.
 */
export function childEnvironment(session: AwsSession): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: session.region };
  if (session.credentials) {
    delete env.AWS_PROFILE;
    env.AWS_ACCESS_KEY_ID = session.credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = session.credentials.secretAccessKey;
    env.AWS_SESSION_TOKEN = session.credentials.sessionToken;
  }
  return env;
}

/** The operator role ARN output of a strategy, or a UsageError that says how to get one. */
export function operatorRoleArn(outputs: StackOutputs, strategy: StrategyName): string {
  const key = `${strategy}OperatorRoleArn`;
  const value = (outputs as unknown as Record<string, unknown>)[key];
  if (typeof value !== "string" && value !== undefined) {
    throw new UsageError(
      `the stack's ${key} output is not a string; are the outputs this project's?`,
    );
  }
  if (!value || !value.startsWith("arn:")) {
    throw new UsageError(
      `--assume-operator-role: the stack has no ${key} output${value ? ` (${value})` : ""}; set fargate-access:${strategy}.operatorPrincipals and run pulumi up, or drop --assume-operator-role to use your own credentials.`,
    );
  }
  return value;
}

/**
 * RoleSessionName: `[\w+=,.@-]{2,64}` (STS AssumeRole API reference). CloudTrail records it, so
 * it names the person (their source identity, by default the local user) and the tool.
 */
export function roleSessionName(user = safeUserName()): string {
  const name = `fargate-access-${user}`.replace(/[^\w+=,.@-]/g, "-");
  return name.slice(0, 64);
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "operator";
  }
}

/** How to assume the operator role: the flags, and what the stack's config says of it. */
export interface AssumeOptions {
  /** `--mfa-serial`. */
  mfaSerial?: string;
  /** `--mfa-code` (asked for on a terminal when absent). */
  mfaCode?: string;
  /** The strategy's `requireMfa`, when the stack's config could be read. */
  requireMfa?: boolean;
}

/** IAM Identity Center names its permission-set roles `AWSReservedSSO_<set>_<id>`. */
const IDENTITY_CENTER_ROLE_NAME = /^AWSReservedSSO_/;

/** Starts a session: assumes the strategy's operator role when asked, else the default chain. */
export async function openSession(
  region: string,
  outputs: StackOutputs,
  strategy: StrategyName,
  assume: boolean,
  io?: CommandIo,
  options: AssumeOptions = {},
): Promise<AwsSession> {
  if (!assume) return { region };
  const roleArn = operatorRoleArn(outputs, strategy);
  const sts = new STSClient({ region });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const caller = callerName(identity.Arn ?? "");
  const sourceIdentity = sourceIdentityOf(caller);
  const mfa = await mfaFor(caller, options, io);
  let credentials;
  try {
    ({ Credentials: credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: roleSessionName(sourceIdentity),
        // Once set, STS keeps it for the session and every role chained from it, and CloudTrail
        // records it as userIdentity.sessionContext.sourceIdentity on each call (IAM User Guide,
        // "Monitor and control actions taken with assumed roles").
        SourceIdentity: sourceIdentity,
        ...(mfa ? { SerialNumber: mfa.serial, TokenCode: mfa.code } : {}),
      }),
    ));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== "AccessDenied" && name !== "AccessDeniedException") throw error;
    throw new UsageError(
      `STS refused ${identity.Arn} the operator role ${roleArn} with source identity ${JSON.stringify(sourceIdentity)} ${mfa ? "and MFA" : "without MFA"} (${(error as Error).message}). Its trust lets in the stack's operatorPrincipals only, with a source identity that is your own name${mfa ? "" : "; where the strategy has requireMfa, IAM users need --mfa-serial (and the code)"}; a stack deployed before source identities needs pulumi up. See the README, "Operator identity".`,
    );
  }
  const c = credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    throw new Error(`STS AssumeRole returned no credentials for ${roleArn}`);
  }
  io?.stderr(
    `Assumed ${roleArn} with source identity "${sourceIdentity}" (${mfa ? "with" : "without"} MFA): CloudTrail names you on every call of this session.\n`,
  );
  return {
    region,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    },
  };
}

/**
 * The MFA device and code to present, if any. An IAM user proves MFA in this very call; a role
 * session (IAM Identity Center included) brings whatever its own sign-in did, so nothing is asked
 * of it. Without `--mfa-serial`, an IAM user is asked for the device only when the stack's config
 * says the role requires MFA. The code is never printed.
 */
async function mfaFor(
  caller: CallerName,
  options: AssumeOptions,
  io: CommandIo | undefined,
): Promise<{ serial: string; code: string } | undefined> {
  const identityCenter =
    caller.kind === "roleSession" && IDENTITY_CENTER_ROLE_NAME.test(caller.role ?? "");
  let serial = options.mfaSerial;
  if (serial === undefined) {
    if (caller.kind !== "iamUser" || options.requireMfa !== true || identityCenter)
      return undefined;
    serial = await io?.ask(
      "The operator role requires MFA. Your MFA device's ARN (aws iam list-mfa-devices): ",
    );
    if (!serial) {
      throw new UsageError(
        "the operator role requires MFA (requireMfa): pass --mfa-serial with your MFA device's ARN (aws iam list-mfa-devices) and --mfa-code with its current code.",
      );
    }
  }
  const code = options.mfaCode ?? (await io?.ask(`MFA code of ${serial}: `, { secret: true }));
  if (!code) {
    throw new UsageError(
      `--mfa-serial ${serial}: no code; pass --mfa-code with the six digits your device shows, or run on a terminal to be asked.`,
    );
  }
  if (!MFA_CODE.test(code)) {
    throw new UsageError("the MFA code must be the six digits your device shows now.");
  }
  return { serial, code };
}
