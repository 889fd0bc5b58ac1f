import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { didYouMean, quotedChoices } from "./libraryError";
import { RuleInfo } from "./ruleCatalogue";

/** The levels a setting may give a rule (`disabled` leaves it out of the pack). */
export const SETTABLE_LEVELS = ["mandatory", "advisory", "disabled"] as const;
export type SettableLevel = (typeof SETTABLE_LEVELS)[number];

/**
 * One rule's setting, the way awsguard takes them (`new AwsGuard({ all: "mandatory",
 * ec2InstanceNoPublicIP: "advisory", encryptedVolumes: { enforcementLevel: "mandatory", kmsId }
 * })`, pulumi/pulumi-policy-aws src/awsGuard.ts): a level, or the rule's config properties
 * (its `configSchema`) with an optional level.
 */
export type RuleSetting =
  SettableLevel | ({ enforcementLevel?: SettableLevel } & Record<string, unknown>);

/**
 * Settings by rule name; `all` is the level of every selected rule no setting names (default:
 * each rule's own level). Config set here becomes the rule's default: a policy config given at
 * run time (`--policy-pack-config`, Pulumi Cloud) still overrides it key by key.
 */
export interface RuleSettings {
  all?: SettableLevel;
  [ruleName: string]: RuleSetting | undefined;
}

/** A selected rule with the level and config defaults its settings give it. */
export interface SettledRule {
  info: RuleInfo;
  level: SettableLevel;
  config: Record<string, unknown>;
}

const JSON_TYPES: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === "string",
  boolean: (value) => typeof value === "boolean",
  number: (value) => typeof value === "number" && Number.isFinite(value),
  integer: (value) => Number.isInteger(value),
  array: (value) => Array.isArray(value),
  object: (value) => typeof value === "object" && value !== null && !Array.isArray(value),
};

/** What is wrong with one config value against its schema: type, enum, minimum. */
function valueProblem(schema: PolicyConfigJSONSchema, value: unknown): string | undefined {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((type) => JSON_TYPES[type]?.(value))) {
    return `expected ${types.join(" or ")}, got ${JSON.stringify(value)}`;
  }
  if (
    schema.enum &&
    !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))
  ) {
    return `${JSON.stringify(value)} is not one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if (typeof schema.minimum === "number" && typeof value === "number" && value < schema.minimum) {
    return `${value} is under the minimum ${schema.minimum}`;
  }
  return undefined;
}

function levelProblem(where: string, level: unknown): string[] {
  return SETTABLE_LEVELS.includes(level as SettableLevel)
    ? []
    : [
        `${where}: enforcement level ${JSON.stringify(level)} is not allowed; use ${quotedChoices(SETTABLE_LEVELS)}.`,
      ];
}

function configProblems(rule: RuleInfo, config: Record<string, unknown>): string[] {
  const properties = rule.configSchema.properties ?? {};
  const keys = Object.keys(properties);
  return Object.entries(config).flatMap(([key, value]) => {
    const schema = properties[key];
    if (schema === undefined) {
      return [
        `settings.${rule.name}: ${JSON.stringify(key)} is not a setting of this rule${didYouMean(key, keys)}; use "enforcementLevel" or ${quotedChoices(keys)}.`,
      ];
    }
    const problem = valueProblem(schema, value);
    return problem ? [`settings.${rule.name}.${key}: ${problem}.`] : [];
  });
}

/**
 * The level and config of each selected rule; `problems` names every setting that is not a
 * rule, names a rule the selection does not take, or does not fit the rule's schema.
 */
export function settledRules(
  selected: readonly RuleInfo[],
  every: readonly RuleInfo[],
  settings: SettableLevel | RuleSettings,
): { rules: SettledRule[]; problems: string[] } {
  const bag: RuleSettings = typeof settings === "string" ? { all: settings } : settings;
  if (typeof bag !== "object" || bag === null || Array.isArray(bag)) {
    return {
      rules: [],
      problems: [
        `settings: expected a level or an object of rule settings, got ${JSON.stringify(settings)}.`,
      ],
    };
  }
  const problems: string[] = bag.all === undefined ? [] : levelProblem("settings.all", bag.all);
  const byName = new Map(selected.map((rule) => [rule.name, rule]));
  const known = new Set(every.map((rule) => rule.name));
  for (const [name, setting] of Object.entries(bag)) {
    if (name === "all" || setting === undefined) continue;
    const rule = byName.get(name);
    if (!rule) {
      problems.push(
        known.has(name)
          ? `settings.${name}: the selection does not take this rule; select it (names: [${JSON.stringify(name)}]) or drop the setting.`
          : `settings: ${JSON.stringify(name)} is not a rule of fargate-access${didYouMean(name, [...known])}; use "all" or ${quotedChoices([...known])}.`,
      );
      continue;
    }
    if (typeof setting === "string") {
      problems.push(...levelProblem(`settings.${name}`, setting));
    } else if (typeof setting !== "object" || setting === null || Array.isArray(setting)) {
      problems.push(
        `settings.${name}: expected a level or an object of config, got ${JSON.stringify(setting)}.`,
      );
    } else {
      const { enforcementLevel, ...config } = setting;
      if (enforcementLevel !== undefined)
        problems.push(...levelProblem(`settings.${name}.enforcementLevel`, enforcementLevel));
      problems.push(...configProblems(rule, config));
    }
  }
  const rules = selected.map((info): SettledRule => {
    const setting = bag[info.name];
    if (typeof setting === "string") return { info, level: setting, config: {} };
    const { enforcementLevel, ...config } = setting ?? {};
    return { info, level: enforcementLevel ?? bag.all ?? info.enforcementLevel, config };
  });
  return { rules, problems };
}
