import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import type { StackOutputs } from "../lib/stackOutputs";
import type { StrategyName } from "../strategies/strategyName";

/** ✔ pass, ✖ fail (the access path is broken), ! warn (works, but look at it). */
export type CheckStatus = "pass" | "fail" | "warn";

export interface CheckResult {
  /** The strategy the check belongs to; `all` for a problem of every strategy (credentials). */
  strategy: StrategyName | "all";
  /** A stable kebab-case id, e.g. `exec-agent-running`. */
  check: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a fail or warn. */
  fix?: string;
}

/** Where the stack runs and who it is, beside its outputs. */
export interface DoctorTarget {
  outputs: StackOutputs;
  region: string;
  /** `<project>/<stack>`: the tag the stack's managed instances carry. */
  stackTagValue: string;
}

/** The read-only AWS clients the checks use (mocked in tests). */
export interface DoctorClients {
  cloudwatch: CloudWatchClient;
  ec2: EC2Client;
  ecs: ECSClient;
  iam: IAMClient;
  lambda: LambdaClient;
  sfn: SFNClient;
  sqs: SQSClient;
  ssm: SSMClient;
  sts: STSClient;
}

export function createClients(region: string): DoctorClients {
  return {
    cloudwatch: new CloudWatchClient({ region }),
    ec2: new EC2Client({ region }),
    ecs: new ECSClient({ region }),
    iam: new IAMClient({ region }),
    lambda: new LambdaClient({ region }),
    sfn: new SFNClient({ region }),
    sqs: new SQSClient({ region }),
    ssm: new SSMClient({ region }),
    sts: new STSClient({ region }),
  };
}

/** Builds results for one strategy. */
export function resultsFor(strategy: StrategyName | "all") {
  const make =
    (status: CheckStatus) =>
    (check: string, detail: string, fix?: string): CheckResult => ({
      strategy,
      check,
      status,
      detail,
      ...(fix ? { fix } : {}),
    });
  return { pass: make("pass"), fail: make("fail"), warn: make("warn") };
}
