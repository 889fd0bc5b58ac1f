import { PROJECT_NAME } from "../lib/projectName";
import { FieldReader, isPlainObject, show } from "./fieldReader";
import {
  IAM_PRINCIPAL_ARN,
  IAM_PRINCIPAL_DESCRIPTION,
  KMS_KEY_ARN,
  LOG_RETENTION_DAYS,
  SNS_TOPIC_ARN,
  isScheduleExpression,
} from "./patterns";
import { partitionOf } from "./awsRegions";
import {
  CostConfig,
  PRICE_OVERRIDE_KEYS,
  EXEC_LOGGING_OPTIONS,
  EcsExecConfig,
  RawConfig,
  STRATEGY_NAMES,
  SessionManagerConfig,
  StackConfig,
  StepFunctionsConfig,
  StrategyName,
} from "./types";
import { readNetworkConfig } from "./validateNetwork";
import { readServiceConfig } from "./validateService";

/** Pulumi puts a project's own config keys under the project name. */
export const CONFIG_NAMESPACE = PROJECT_NAME;

/**
 * Raised when the stack config has one or more mistakes; the message lists each of them. Marked
 * the way `pulumi.RunError.isInstance` recognises a RunError (the `__pulumiRunError` member, see
 * @pulumi/pulumi/errors.js), so the Pulumi CLI prints the message without a stack trace; not a
 * subclass, so that the cost and doctor scripts can use it without loading @pulumi/pulumi.
 */
export class ConfigError extends Error {
  readonly __pulumiRunError = true;

  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export interface ValidatedConfig {
  config: StackConfig;
  /** Legal but risky settings, e.g. an image that is not pinned. */
  warnings: string[];
}

/** What validation knows beside the `fargate-access:` keys. */
export interface ValidationContext {
  /** The stack's (valid) `aws:region`, when known: regional ARNs must be in it. */
  region?: string;
}

/**
 * Turns raw stack config into one validated, defaulted object. Pure: reads nothing and creates
 * nothing. Throws a {@link ConfigError} naming every bad key, value and the allowed values.
 */
export function validateConfig(raw: RawConfig, context: ValidationContext = {}): ValidatedConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const root = new FieldReader(CONFIG_NAMESPACE, { ...raw }, problems, ":");
  const section = (key: string): FieldReader | undefined => {
    const value = raw[key];
    if (value === undefined) {
      return undefined;
    }
    if (!isPlainObject(value)) {
      root.fail(key, `${show(value)} is not allowed; use a map of keys.`);
      return undefined;
    }
    return new FieldReader(`${CONFIG_NAMESPACE}:${key}`, value, problems);
  };
  root.rejectUnknownKeys("");

  const strategies = readStrategies(raw.strategies, problems);
  const config: StackConfig = {
    strategies,
    logRetentionDays: readRetention(raw.logRetentionDays, problems),
    network: readNetworkConfig(section("network")),
    service: readServiceConfig(section("service"), problems, warnings),
    ecsExec: readEcsExec(section("ecsExec"), context),
    sessionManager: readSessionManager(section("sessionManager")),
    stepFunctions: readStepFunctions(section("stepFunctions")),
    cost: readCost(section("cost")),
  };
  if (
    strategies.includes("sessionManager") &&
    raw.service !== undefined &&
    !config.service.command
  ) {
    // The strategy's entry point runs the workload's command after registering; ECS does not
    // pass the image's CMD to an overridden entry point, so the command must be explicit.
    problems.push(
      `${CONFIG_NAMESPACE}:service.command: is required when sessionManager is selected (its entry point registers the task, then runs this command); set the container's command, e.g. ["crond", "-f"].`,
    );
  }
  if (strategies.includes("sessionManager") && config.service.image) {
    warnings.push(
      `${CONFIG_NAMESPACE}:service.image: sessionManager starts the container with /usr/local/bin/fargate-access-entrypoint; ${config.service.image} must be built from container/Dockerfile, which installs amazon-ssm-agent with Profile.ShareCreds false (or set service.build: { context: container } instead).`,
    );
  }
  if (!isSelectableStrategySet(strategies)) {
    // The amazon-ssm-agent IPC path is compiled in (common/message/model_unix.go:
    // /var/lib/amazon/ssm/ipc/), so ECS Exec's agent and ours would share its sockets.
    problems.push(
      `${CONFIG_NAMESPACE}:strategies: ecsExec and sessionManager cannot be selected together: each runs an SSM agent in the container and both use the fixed IPC folder /var/lib/amazon/ssm/ipc, so one breaks the other; choose one of them (stepFunctions combines with either).`,
    );
  }
  for (const name of STRATEGY_NAMES) {
    if (raw[name] !== undefined && !strategies.includes(name)) {
      warnings.push(
        `${CONFIG_NAMESPACE}:${name} is set but ${name} is not in ${CONFIG_NAMESPACE}:strategies, so it is ignored.`,
      );
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { config, warnings };
}

/**
 * False for the one refused combination, ecsExec with sessionManager: ECS Exec's agent and the
 * image's hybrid agent would run in one container over the agent's fixed IPC folder.
 */
export function isSelectableStrategySet(strategies: readonly string[]): boolean {
  return !(strategies.includes("ecsExec") && strategies.includes("sessionManager"));
}

function readStrategies(value: unknown, problems: string[]): StrategyName[] {
  const key = `${CONFIG_NAMESPACE}:strategies`;
  const allowed = STRATEGY_NAMES.join(", ");
  if (value === undefined) {
    problems.push(`${key}: is required; use a non-empty list of ${allowed}.`);
    return [];
  }
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${key}: ${show(value)} is not allowed; use a non-empty list of ${allowed}.`);
    return [];
  }
  const unknown = value.filter((item) => !(STRATEGY_NAMES as readonly unknown[]).includes(item));
  if (unknown.length > 0) {
    problems.push(`${key}: ${unknown.map(show).join(", ")} not allowed; use any of ${allowed}.`);
  }
  const duplicates = value.filter((item, index) => value.indexOf(item) !== index);
  if (duplicates.length > 0) {
    problems.push(`${key}: ${duplicates.map(show).join(", ")} listed twice; list each once.`);
  }
  // Canonical order keeps outputs and resource registration order independent of the list order.
  return STRATEGY_NAMES.filter((name) => value.includes(name));
}

function readRetention(value: unknown, problems: string[]): number {
  if (value === undefined) {
    return 30;
  }
  if (typeof value === "number" && (LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
    return value;
  }
  problems.push(
    `${CONFIG_NAMESPACE}:logRetentionDays: ${show(value)} is not allowed; use one of ${LOG_RETENTION_DAYS.join(", ")}.`,
  );
  return 30;
}

function readPrincipals(section: FieldReader | undefined): string[] {
  return (
    section?.stringList("operatorPrincipals", IAM_PRINCIPAL_ARN, IAM_PRINCIPAL_DESCRIPTION) ?? []
  );
}

function readEcsExec(section: FieldReader | undefined, context: ValidationContext): EcsExecConfig {
  section?.rejectUnknownKeys("ecsExec");
  const kmsKeyHint = "create, none, or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)";
  const kmsKey =
    section?.string(
      "kmsKey",
      (value) => value === "create" || value === "none" || KMS_KEY_ARN.test(value),
      kmsKeyHint,
      "create",
    ) ?? "create";
  if (section && context.region && kmsKey !== "create" && kmsKey !== "none") {
    checkKeyRegion(section, kmsKey, context.region);
  }
  return {
    logging: section?.oneOf("logging", EXEC_LOGGING_OPTIONS, "override") ?? "override",
    kmsKey: kmsKey === "create" || kmsKey === "none" ? kmsKey : { arn: kmsKey },
    operatorPrincipals: readPrincipals(section),
  };
}

/**
 * A KMS key is created in one region of one partition (CreateKey: "a unique customer managed
 * KMS key in your AWS account and Region"); a key usable elsewhere is a multi-Region replica,
 * which has its own ARN in that region (AWS KMS Developer Guide, "Multi-Region keys in AWS KMS",
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html).
 */
function checkKeyRegion(section: FieldReader, arn: string, region: string): void {
  const [, partition, , keyRegion] = arn.split(":");
  const expected = partitionOf(region);
  if (partition !== expected || keyRegion !== region) {
    section.fail(
      "kmsKey",
      `${show(arn)} is a key of ${partition}/${keyRegion}, but the stack deploys to ${expected}/${region}; a KMS key is used in its own region. Use a key (or a multi-Region replica) of ${region}: arn:${expected}:kms:${region}:ACCOUNT:key/ID, or kmsKey: create.`,
    );
  }
}

function readSessionManager(section: FieldReader | undefined): SessionManagerConfig {
  section?.rejectUnknownKeys("sessionManager");
  section?.string(
    "instanceTier",
    /^advanced$/,
    "advanced (Session Manager reaches hybrid-activated instances only in the advanced tier)",
  );
  const scheduleHint =
    "rate(N minutes|hours|days), e.g. rate(1 hour), or cron() with six fields (minutes hours day-of-month month day-of-week year) and ? in day-of-month or day-of-week, e.g. cron(0 3 * * ? *)";
  const alarmTopicArn = section?.string(
    "alarmTopicArn",
    SNS_TOPIC_ARN,
    "an SNS topic ARN such as arn:aws:sns:ap-northeast-1:123456789012:oncall",
  );
  const reservedConcurrency = section?.has("reservedConcurrency")
    ? section.integer("reservedConcurrency", 1, 1, 1000)
    : undefined;
  return {
    ...(alarmTopicArn === undefined ? {} : { alarmTopicArn }),
    ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
    instanceTier: "advanced",
    activationExpiryHours: section?.integer("activationExpiryHours", 24, 1, 720) ?? 24,
    cleanupSchedule:
      section?.string("cleanupSchedule", isScheduleExpression, scheduleHint, "rate(1 hour)") ??
      "rate(1 hour)",
    operatorPrincipals: readPrincipals(section),
    resetTierOnDestroy: section?.boolean("resetTierOnDestroy", false) ?? false,
    staleAfterHours: section?.integer("staleAfterHours", 0, 0, 8760) ?? 0,
  };
}

function readStepFunctions(section: FieldReader | undefined): StepFunctionsConfig {
  section?.rejectUnknownKeys("stepFunctions");
  return {
    timeoutSeconds: section?.integer("timeoutSeconds", 3600, 60, 86400) ?? 3600,
    includeExecutionData: section?.boolean("includeExecutionData", true) ?? true,
    operatorPrincipals: readPrincipals(section),
  };
}

function readCost(section: FieldReader | undefined): CostConfig {
  section?.rejectUnknownKeys("cost");
  const prices = section?.object("prices");
  prices?.rejectUnknownKeys("cost.prices");
  const overrides: CostConfig["prices"] = {};
  for (const key of PRICE_OVERRIDE_KEYS) {
    if (prices?.has(key)) {
      overrides[key] = prices.number(key, 0, 0);
    }
  }
  return {
    dataProcessedGbPerMonth: section?.number("dataProcessedGbPerMonth", 10, 0) ?? 10,
    logIngestionGbPerMonth: section?.number("logIngestionGbPerMonth", 1, 0) ?? 1,
    stepFunctionsRunsPerMonth: section?.number("stepFunctionsRunsPerMonth", 30, 0) ?? 30,
    stepFunctionsRunMinutes: section?.number("stepFunctionsRunMinutes", 10, 0) ?? 10,
    prices: overrides,
  };
}
