import * as assert from "assert";
import { PACK_POLICIES } from "../../policies/pack";
import { declaredCases } from "./coverage";
import { cases } from "./rules.test";

/**
 * Every rule the pack serves has at least one passing and one failing case somewhere in the
 * tests: the fixtures (declared as they load) or the rule table of rules.test.ts. A new rule
 * without both fails here.
 */
describe("policy rule coverage (meta-test)", () => {
  it("every rule in the pack has a passing and a failing case", () => {
    const covered = new Map(declaredCases());
    for (const { policy, breakages } of cases) {
      const outcomes = new Set(covered.get(policy.name));
      outcomes.add("pass");
      if (breakages.length > 0) {
        outcomes.add("fail");
      }
      covered.set(policy.name, outcomes);
    }
    const missing = PACK_POLICIES.flatMap((policy) => {
      const outcomes = covered.get(policy.name) ?? new Set();
      const lacks = (["pass", "fail"] as const).filter((outcome) => !outcomes.has(outcome));
      return lacks.length > 0 ? [`${policy.name} (no ${lacks.join(", no ")} case)`] : [];
    });
    assert.deepStrictEqual(missing, [], `rules without cases:\n${missing.join("\n")}`);
  });
});
