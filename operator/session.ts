import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import * as os from "os";
import type { StackOutputs } from "../lib/stackOutputs";
import type { StrategyName } from "../strategies/registry";
import { UsageError } from "../offline/stackFiles";

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
 * it names the person and the tool.
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

/** Starts a session: assumes the strategy's operator role when asked, else the default chain. */
export async function openSession(
  region: string,
  outputs: StackOutputs,
  strategy: StrategyName,
  assume: boolean,
): Promise<AwsSession> {
  if (!assume) return { region };
  const roleArn = operatorRoleArn(outputs, strategy);
  const sts = new STSClient({ region });
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: roleSessionName() }),
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    throw new Error(`STS AssumeRole returned no credentials for ${roleArn}`);
  }
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
