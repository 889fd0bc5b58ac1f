import { Policy, PolicyConfigSchema } from "@pulumi/policy";
import { PACK_POLICIES } from "../pack";
import { AREA_OF_RULE, RuleArea } from "../policies";
import { PREVIEW_UNDECIDED_POLICY_NAME } from "../lib/previewUndecided";
import { SUPPRESSIONS_POLICY_NAME } from "../lib/suppressions";

/** The levels the rules are written with (none remediates, none is shipped disabled). */
export const RULE_LEVELS = ["mandatory", "advisory"] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/**
 * The two rules that report what the others noted (suppressions used or refused, what a preview
 * could not judge yet): they read notes the selected rules leave, so they come with any
 * selection, last, and are not selected or set on their own.
 */
export const REPORT_RULE_NAMES: readonly string[] = [
  SUPPRESSIONS_POLICY_NAME,
  PREVIEW_UNDECIDED_POLICY_NAME,
];

/** One rule of the pack, as an organisation's pack selects and configures it. */
export interface RuleInfo {
  /** The policy name (`pulumi preview` output, `--policy-pack-config` key). */
  readonly name: string;
  readonly description: string;
  readonly area: RuleArea;
  /** Its level unless a setting changes it. */
  readonly enforcementLevel: RuleLevel;
  /** `stack`: judges the whole stack at once (AnalyzeStack); `resource`: each resource. */
  readonly kind: "resource" | "stack";
  /** What may be set, as served: the rule's own settings plus `suppressions` and `allowTagSuppressions`. */
  readonly configSchema: PolicyConfigSchema;
}

/** A rule of the catalogue and the policy that serves it (suppressions, "cannot judge yet"). */
export interface CatalogueEntry {
  readonly info: RuleInfo;
  readonly policy: Policy;
}

function levelOf(policy: Policy): RuleLevel {
  const level = policy.enforcementLevel;
  if (!RULE_LEVELS.includes(level as RuleLevel)) {
    throw new Error(
      `rule ${policy.name} has enforcement level ${level}; the library knows ${RULE_LEVELS.join(", ")}`,
    );
  }
  return level as RuleLevel;
}

function entryOf(policy: Policy): CatalogueEntry {
  const area = AREA_OF_RULE[policy.name];
  if (area === undefined) {
    // A rule added to ALL_POLICIES without its area (policies.ts AREA_OF_RULE).
    throw new Error(`rule ${policy.name} has no area in policies.ts AREA_OF_RULE`);
  }
  return {
    policy,
    info: {
      name: policy.name,
      description: policy.description,
      area,
      enforcementLevel: levelOf(policy),
      kind: "validateStack" in policy ? "stack" : "resource",
      configSchema: policy.configSchema ?? { properties: {} },
    },
  };
}

/**
 * Every rule in the pack's order, built from the very policies the project's pack serves
 * (pack.ts): a rule taken into another pack keeps its suppressions and its per-resource
 * "cannot judge yet" notes.
 */
export const CATALOGUE: readonly CatalogueEntry[] = PACK_POLICIES.filter(
  (policy) => !REPORT_RULE_NAMES.includes(policy.name),
).map(entryOf);

/** The report rules, in the pack's order. */
export const REPORT_RULES: readonly Policy[] = PACK_POLICIES.filter((policy) =>
  REPORT_RULE_NAMES.includes(policy.name),
);
