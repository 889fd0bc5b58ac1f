import { Policies } from "@pulumi/policy";
import { shareStackResources } from "./lib/stackResourcesOnce";
import { configuredPolicy } from "./library/configuredPolicy";
import { RuleLibraryError } from "./library/libraryError";
import { CATALOGUE, REPORT_RULES, RuleInfo } from "./library/ruleCatalogue";
import { RuleSelection, selectedRules } from "./library/ruleSelection";
import { RuleSettings, SettableLevel, settledRules } from "./library/ruleSettings";

/**
 * The pack's rules as a library, for an organisation's own policy pack (README "Use the rules in
 * your own policy pack"), imported by the package name `fargate-access-policies`. Importing it
 * starts no analyzer server; only the pack's entry (index.ts) constructs a PolicyPack.
 */
export { RULE_AREAS } from "./policies";
export type { RuleArea } from "./policies";
export { RULE_LEVELS, REPORT_RULE_NAMES } from "./library/ruleCatalogue";
export type { RuleInfo, RuleLevel } from "./library/ruleCatalogue";
export type { RuleSelection } from "./library/ruleSelection";
export { SETTABLE_LEVELS } from "./library/ruleSettings";
export type { RuleSetting, RuleSettings, SettableLevel } from "./library/ruleSettings";
export { RuleLibraryError } from "./library/libraryError";
export { deserializeOncePerRequest } from "./lib/deserializeOnce";
export { buildStackResourcesOncePerRequest } from "./lib/stackResourcesOnce";

/** Every rule with its area, default level, kind and config schema, in the pack's order. */
export const RULES: readonly RuleInfo[] = CATALOGUE.map((entry) => entry.info);

/**
 * The selected rules, set, ready for `new PolicyPack(name, { policies: [...yours, ...these] })`.
 * `selection`: which rules (by name, area, default level; a list takes the union), default every
 * rule. `settings`: a level for all of them (as `selectPolicies(selection, level)` takes), or
 * awsguard-style settings by rule name. Each rule keeps per-resource suppressions and its
 * "cannot judge yet" notes; the two report rules (`policy-suppressions`, `preview-undecided`)
 * come last whenever a rule is served, and report on the selected rules only. Call it once per
 * pack: a second call would serve the report rules twice. Stack rules share each request's
 * resources once {@link buildStackResourcesOncePerRequest} is on (lib/stackResourcesOnce.ts).
 * Throws a {@link RuleLibraryError} listing every unknown name, area, level or setting.
 */
export function selectRules(
  selection: RuleSelection | readonly RuleSelection[] = {},
  settings: SettableLevel | RuleSettings = {},
): Policies {
  const selected = selectedRules(RULES, selection);
  const settled = settledRules(selected.rules, RULES, settings);
  const problems = [...selected.problems, ...settled.problems];
  if (problems.length > 0) throw new RuleLibraryError(problems);
  const policyOf = new Map(CATALOGUE.map((entry) => [entry.info.name, entry.policy]));
  const served = settled.rules
    .filter((rule) => rule.level !== "disabled")
    .map((rule) => configuredPolicy(policyOf.get(rule.info.name)!, rule.level, rule.config));
  return served.length > 0 ? [...served, ...REPORT_RULES].map(shareStackResources) : [];
}
