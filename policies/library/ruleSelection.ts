import { RULE_AREAS, RuleArea } from "../policies";
import { didYouMean, quotedChoices } from "./libraryError";
import { RULE_LEVELS, RuleInfo, RuleLevel } from "./ruleCatalogue";

/**
 * Which rules to take, the way Pulumi's compliance packs select theirs
 * (`policyManager.selectPolicies({ vendors, services, severities, … }, level)`, Pulumi docs
 * "Policy Manager"; pulumi/templates-policy aws-premium-policies-typescript/index.ts): a rule is
 * taken when it matches every criterion given (any value of each list); a criterion left out
 * matches every rule. A list of selections takes the rules any of them takes, each once.
 */
export interface RuleSelection {
  /** Rule names, e.g. `"ecs-no-public-ip"`. Default: every rule. */
  names?: readonly string[];
  /** Areas: `least-privilege`, `init-process`, `private-networking`, `beyond`. Default: every area. */
  areas?: readonly RuleArea[];
  /** Default enforcement levels (before any setting): `mandatory`, `advisory`. Default: both. */
  enforcementLevels?: readonly RuleLevel[];
}

const CRITERIA = ["names", "areas", "enforcementLevels"] as const;
type Criterion = (typeof CRITERIA)[number];

function valueOf(rule: RuleInfo, criterion: Criterion): string {
  return criterion === "names"
    ? rule.name
    : criterion === "areas"
      ? rule.area
      : rule.enforcementLevel;
}

/** What a selection's criteria say wrong, each naming the key, the value and what is allowed. */
function selectionProblems(
  rules: readonly RuleInfo[],
  selection: unknown,
  where: string,
): string[] {
  if (typeof selection !== "object" || selection === null || Array.isArray(selection)) {
    return [
      `${where}: expected an object with ${quotedChoices(CRITERIA)}, got ${JSON.stringify(selection)}.`,
    ];
  }
  const allowed: Record<Criterion, readonly string[]> = {
    names: rules.map((rule) => rule.name),
    areas: RULE_AREAS,
    enforcementLevels: RULE_LEVELS,
  };
  const problems: string[] = [];
  for (const [key, values] of Object.entries(selection)) {
    if (!(CRITERIA as readonly string[]).includes(key)) {
      problems.push(
        `${where}: unknown key ${JSON.stringify(key)}${didYouMean(key, CRITERIA)}; use ${quotedChoices(CRITERIA)}.`,
      );
      continue;
    }
    const choices = allowed[key as Criterion];
    if (values === undefined) continue;
    if (!Array.isArray(values) || values.length === 0) {
      problems.push(
        `${where}.${key}: expected a non-empty list (leave it out to take every rule), got ${JSON.stringify(values)}.`,
      );
      continue;
    }
    for (const value of values) {
      if (!choices.includes(value as string)) {
        problems.push(
          `${where}.${key}: ${JSON.stringify(value)} is not ${key === "names" ? "a rule of fargate-access" : "allowed"}${didYouMean(String(value), choices)}; use ${quotedChoices(choices)}.`,
        );
      }
    }
  }
  return problems;
}

function matches(rule: RuleInfo, selection: RuleSelection): boolean {
  return CRITERIA.every((criterion) => {
    const wanted = selection[criterion] as readonly string[] | undefined;
    return wanted === undefined || wanted.includes(valueOf(rule, criterion));
  });
}

/**
 * The rules a selection (or any of a list of selections) takes, in the pack's order, each once;
 * `problems` lists what is wrong with it, and a selection that takes no rule is one.
 */
export function selectedRules(
  rules: readonly RuleInfo[],
  selection: RuleSelection | readonly RuleSelection[],
): { rules: RuleInfo[]; problems: string[] } {
  const selections: readonly unknown[] = Array.isArray(selection) ? selection : [selection];
  const where = (index: number) => (Array.isArray(selection) ? `selection[${index}]` : "selection");
  const problems = selections.flatMap((one, index) => selectionProblems(rules, one, where(index)));
  if (selections.length === 0)
    problems.push("selection: an empty list takes no rule; pass {} to take every rule.");
  if (problems.length > 0) return { rules: [], problems };
  const valid = selections as readonly RuleSelection[];
  valid.forEach((one, index) => {
    if (!rules.some((rule) => matches(rule, one))) {
      problems.push(
        `${where(index)} ${JSON.stringify(one)} takes no rule: no rule matches all of its criteria (a rule must match every key given).`,
      );
    }
  });
  return { rules: rules.filter((rule) => valid.some((one) => matches(rule, one))), problems };
}
