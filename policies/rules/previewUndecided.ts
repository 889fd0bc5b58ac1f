import { StackValidationPolicy } from "@pulumi/policy";
import { PREVIEW_UNDECIDED_POLICY_NAME, takeUndecided } from "../lib/previewUndecided";

/**
 * One advisory per resource that some rules could not judge during this preview (values not
 * known until the resource exists), naming each rule and what it could not read. After the
 * deployment, or in `npm run check`, everything is known and this reports nothing.
 */
export const previewUndecided: StackValidationPolicy = {
  name: PREVIEW_UNDECIDED_POLICY_NAME,
  description:
    "Resources some rules could not judge during this preview, because values they read are not " +
    "known until the resource exists; each is judged once the values are known.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const urns = new Set(args.resources.map((resource) => resource.urn));
    const byUrn = new Map<string, Map<string, string[]>>();
    for (const { rule, urn, what } of takeUndecided(urns)) {
      const rules = byUrn.get(urn) ?? new Map<string, string[]>();
      rules.set(rule, [...(rules.get(rule) ?? []), what]);
      byUrn.set(urn, rules);
    }
    for (const [urn, rules] of byUrn) {
      const list = [...rules].map(([rule, whats]) => `${rule} (${[...new Set(whats)].join("; ")})`);
      reportViolation(
        `Not judged during this preview, until its values are known, by ${rules.size} rule(s): ${list.join(", ")}.`,
        urn || undefined,
      );
    }
  },
};
