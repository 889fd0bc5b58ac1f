/** Which rules have a passing and a failing case somewhere in the tests (read by coverage.test). */
const declared = new Map<string, Set<"pass" | "fail">>();

/** Called while test files load (before any test runs), once per case. */
export function declareCase(policyName: string, outcome: "pass" | "fail"): void {
  declared.set(policyName, (declared.get(policyName) ?? new Set()).add(outcome));
}

export function declaredCases(): Map<string, Set<"pass" | "fail">> {
  return declared;
}
