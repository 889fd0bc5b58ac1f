import { PRODUCTION_STACK_NAME, isProductionLike } from "../lib/productionLike";
import { PROJECT_NAME } from "../lib/projectName";
import { STRATEGIES } from "../strategies/registry";
import type { StrategyConfigs } from "../strategies/strategyConfigs";
import { STRATEGY_NAMES, StrategyName, isStrategyName } from "../strategies/strategyName";
import type { Claim, StrategyModule } from "../strategies/strategyModule";
import { operatorIdentityWarnings } from "../lib/operatorPrincipals";
import { FieldReader, show } from "./fieldReader";
import { LOG_RETENTION_FIELD } from "./logRetention";
import { Field, field, readFields, sectionReader } from "./schema";
import { RawConfig, SharedConfig } from "./types";
import { StackConfig } from "./stackConfig";
import { readCostConfig } from "./validateCost";
import { readNetworkConfig } from "./validateNetwork";
import { readServiceConfig } from "./validateService";
import { subnetCapacityFindings, vpcCidrFindings } from "./vpcAddressing";
import { endpointServiceNames } from "../lib/endpointServices";

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
  /** The stack's name, when known: whether it is production-like by default. */
  stack?: string;
}

/** `fargate-access:strategies`: which access strategies the stack builds. */
export const STRATEGIES_FIELD: Field<StrategyName[]> = {
  defaultText: "— (required)",
  doc: `a non-empty list of ${STRATEGY_NAMES.map((name) => `\`${name}\``).join(", ")}; ${claimsDoc()}`,
  read: (root, key) => readStrategies(root, key),
};

/** `fargate-access:productionLike` (lib/productionLike.ts decides the default). */
export const PRODUCTION_LIKE_FIELD = field.optionalBoolean({
  defaultText: `by the stack name: \`true\` when it matches \`${PRODUCTION_STACK_NAME.source}\` (any case)`,
  doc: "a production-like stack: its operator roles require MFA by default (`requireMfa`) and the policy pack wants an allow-list on its state machine",
});

/** Every top-level key of the `fargate-access:` namespace, in the order errors list them. */
export const TOP_LEVEL_KEYS: readonly string[] = [
  "strategies",
  "productionLike",
  "logRetentionDays",
  "network",
  "service",
  ...STRATEGY_NAMES,
  "cost",
];

/**
 * Turns raw stack config into one validated, defaulted object. Pure: reads nothing and creates
 * nothing. Throws a {@link ConfigError} naming every bad key, value and the allowed values.
 */
export function validateConfig(raw: RawConfig, context: ValidationContext = {}): ValidatedConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const root = new FieldReader(CONFIG_NAMESPACE, { ...raw }, problems, ":");
  const section = (key: string) => sectionReader(root, raw, key, problems);
  root.rejectUnknownKeys(TOP_LEVEL_KEYS);

  const strategies = STRATEGIES_FIELD.read(root, "strategies");
  const productionLike = isProductionLike(
    context.stack,
    PRODUCTION_LIKE_FIELD.read(root, "productionLike"),
  );
  const shared: SharedConfig = {
    productionLike,
    logRetentionDays: LOG_RETENTION_FIELD.read(root, "logRetentionDays"),
    network: readNetworkConfig(section("network")),
    service: readServiceConfig(section("service"), warnings),
    cost: readCostConfig(section("cost")),
  };
  const sections = Object.fromEntries(
    STRATEGY_NAMES.map((name) => [
      name,
      readFields(STRATEGIES[name].config, section(name), [], { productionLike }),
    ]),
  ) as StrategyConfigs;
  const checkContext = { shared, serviceSet: raw.service !== undefined, region: context.region };
  for (const name of strategies) {
    const module: StrategyModule = STRATEGIES[name];
    const findings = module.checkConfig?.(sections[name], checkContext);
    problems.push(...(findings?.problems ?? []));
    warnings.push(...(findings?.warnings ?? []));
    warnings.push(...operatorIdentityWarnings(name, sections[name]));
  }
  const conflict = claimConflict(strategies);
  if (conflict) {
    problems.push(`${CONFIG_NAMESPACE}:strategies: ${conflict}`);
  }
  if (shared.network.mode === "create") {
    const network = shared.network;
    const cidr = vpcCidrFindings(network.cidrBlock);
    problems.push(...cidr.problems);
    warnings.push(...cidr.warnings);
    const strategyServices = strategies.flatMap((name) => {
      const module: StrategyModule = STRATEGIES[name];
      return [...module.endpointServices(sections[name])];
    });
    const capacity = subnetCapacityFindings({
      cidrBlock: network.cidrBlock,
      availabilityZones: network.availabilityZones,
      withNat: network.natGateways !== "none",
      interfaceEndpoints: network.vpcEndpoints ? endpointServiceNames(strategyServices).length : 0,
      desiredCount: shared.service.desiredCount,
    });
    problems.push(...capacity.problems);
    warnings.push(...capacity.warnings);
  }
  warnings.push(...unselectedSectionWarnings(raw, strategies));
  const idle = idleServiceWarning(shared.service.desiredCount, strategies);
  if (idle) {
    warnings.push(idle);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return { config: { ...shared, strategies, ...sections }, warnings };
}

/**
 * A section of a strategy that is not selected is read (its mistakes are still refused) but
 * used by nothing: likely a strategy left out of the list, or a section left behind.
 */
function unselectedSectionWarnings(raw: RawConfig, strategies: readonly StrategyName[]): string[] {
  const selected = `${CONFIG_NAMESPACE}:strategies: [${strategies.join(", ")}]`;
  return STRATEGY_NAMES.filter((name) => raw[name] !== undefined && !strategies.includes(name)).map(
    (name) =>
      `${CONFIG_NAMESPACE}:${name} is set, but ${name} is not selected (${selected}), so the section is ignored; add ${name} to ${CONFIG_NAMESPACE}:strategies, or remove the section.`,
  );
}

/**
 * `service.desiredCount: 0` keeps no task running. ECS allows it (CreateService / UpdateService
 * `desiredCount`: 0 or more) and it is a legitimate pause, so it is a warning, not an error; but
 * a strategy that opens a shell in the running task (its module has `shell`) then has no task to
 * open one in, which the operator would only learn when `npm run shell` finds none. A strategy
 * that starts its own task (`task`, e.g. stepFunctions' run-task) works at 0.
 */
export function idleServiceWarning(
  desiredCount: number,
  strategies: readonly StrategyName[],
): string | undefined {
  const modules = (name: StrategyName): StrategyModule => STRATEGIES[name];
  const interactive = strategies.filter((name) => modules(name).shell !== undefined);
  if (desiredCount !== 0 || interactive.length === 0) {
    return undefined;
  }
  const ownTasks = strategies.filter(
    (name) => modules(name).task !== undefined && modules(name).shell === undefined,
  );
  const stillWorks =
    ownTasks.length > 0
      ? ` (${ownTasks.join(" and ")} starts a task of its own and works at 0)`
      : "";
  return `${CONFIG_NAMESPACE}:service.desiredCount: 0 keeps no task running, so ${interactive.join(" and ")} has no container to open a shell in: npm run shell and the printed commands would find no task${stillWorks}. Set desiredCount to 1 or more while operators need a shell.`;
}

/**
 * Two selected strategies that claim the same thing in the container (e.g. ECS Exec's agent
 * and the image's hybrid agent, over the agent's fixed IPC folder): why they cannot be
 * selected together; undefined when none do.
 */
export function claimConflict(strategies: readonly string[]): string | undefined {
  const selected = STRATEGY_NAMES.filter((name) => strategies.includes(name));
  for (const claim of allClaims()) {
    const owners = selected.filter((name) => claimsOf(name).some((c) => c.id === claim.id));
    if (owners.length > 1) {
      const others = STRATEGY_NAMES.filter((name) => claimsOf(name).length === 0);
      const combine =
        others.length === 1 ? `${others[0]} combines` : `${others.join(" and ")} combine`;
      return `${owners.join(" and ")} cannot be selected together: ${claim.reason}; choose one of them (${combine} with either).`;
    }
  }
  return undefined;
}

/** False for a strategy set {@link claimConflict} refuses. */
export function isSelectableStrategySet(strategies: readonly string[]): boolean {
  return claimConflict(strategies) === undefined;
}

function claimsOf(name: StrategyName): readonly Claim[] {
  return (STRATEGIES[name] as StrategyModule).claims ?? [];
}

function allClaims(): Claim[] {
  const byId = new Map(STRATEGY_NAMES.flatMap((name) => claimsOf(name)).map((c) => [c.id, c]));
  return [...byId.values()];
}

/** The README's words for the refused combinations. */
function claimsDoc(): string {
  return allClaims()
    .map((claim) => {
      const owners = STRATEGY_NAMES.filter((name) => claimsOf(name).some((c) => c.id === claim.id));
      return `not ${owners.map((name) => `\`${name}\``).join(" with ")} (${claim.reason})`;
    })
    .join("; ");
}

function readStrategies(root: FieldReader, key: string): StrategyName[] {
  const value = root.value(key);
  const allowed = STRATEGY_NAMES.join(", ");
  if (value === undefined) {
    root.fail(key, `is required; use a non-empty list of ${allowed}.`);
    return [];
  }
  if (!Array.isArray(value) || value.length === 0) {
    root.fail(key, `${show(value)} is not allowed; use a non-empty list of ${allowed}.`);
    return [];
  }
  const unknown = value.filter((item) => typeof item !== "string" || !isStrategyName(item));
  if (unknown.length > 0) {
    root.fail(key, `${unknown.map(show).join(", ")} not allowed; use any of ${allowed}.`);
  }
  const duplicates = value.filter((item, index) => value.indexOf(item) !== index);
  if (duplicates.length > 0) {
    root.fail(key, `${duplicates.map(show).join(", ")} listed twice; list each once.`);
  }
  // Canonical order keeps outputs and resource registration order independent of the list order.
  return STRATEGY_NAMES.filter((name) => value.includes(name));
}
