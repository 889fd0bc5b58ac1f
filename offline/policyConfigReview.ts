import type { EnforcementLevel, PolicyPackConfig } from "./policyConfigTypes";
import type { RecordedResource } from "./recordingMonitor";

/**
 * What a policy config does to the pack that a security team must see. With the Pulumi CLI,
 * `--policy-pack-config` may set any rule to `advisory` or `disabled` (the engine applies the
 * level it is given: `pulumi preview --help`, "--policy-pack-config"), so one file in a
 * repository can let every stack past a mandatory rule; and a suppression that names no resource
 * is either stale or mistyped, an exception nobody can read off the plan.
 */

/** Levels under which a violation no longer fails a deployment. */
const WEAKER_THAN_MANDATORY: readonly EnforcementLevel[] = ["advisory", "disabled"];

export interface WeakenedRule {
  rule: string;
  level: EnforcementLevel;
}

/** The rules the pack makes mandatory that the config sets to advisory or disabled. */
export function weakenedMandatoryRules(
  config: PolicyPackConfig,
  defaults: ReadonlyMap<string, EnforcementLevel>,
): WeakenedRule[] {
  const weakened: WeakenedRule[] = [];
  for (const [rule, value] of Object.entries(config)) {
    const level = typeof value === "string" ? value : value.enforcementLevel;
    if (
      defaults.get(rule) === "mandatory" &&
      WEAKER_THAN_MANDATORY.includes(level as EnforcementLevel)
    ) {
      weakened.push({ rule, level: level as EnforcementLevel });
    }
  }
  return weakened;
}

export function weakeningProblem({ rule, level }: WeakenedRule): string {
  return `policy config: ${rule}: enforcement level ${JSON.stringify(level)} weakens a mandatory rule, so every stack checked with this file could pass it. Exempt single resources instead (${rule}.suppressions, each with a reason), or pass --allow-weakening to accept it knowingly.`;
}

export function weakeningNotice(weakened: WeakenedRule[]): string {
  return `Policy config weakens mandatory rule(s) (--allow-weakening): ${weakened.map(({ rule, level }) => `${rule} → ${level}`).join(", ")}.`;
}

/**
 * The pack's own matching (policies/lib/suppressions.ts `matchesResource`): an entry names a
 * resource by URN, by logical name, or by the `::name` ending of its URN.
 */
function namesResource(entry: string, resource: RecordedResource): boolean {
  return entry === resource.urn || entry === resource.name || resource.urn.endsWith(`::${entry}`);
}

/** Config suppressions that name no resource of the checked stack, as readable lines. */
export function unmatchedSuppressions(
  config: PolicyPackConfig,
  resources: readonly RecordedResource[],
): string[] {
  const unmatched: string[] = [];
  for (const [rule, value] of Object.entries(config)) {
    if (typeof value === "string") continue;
    const entries = Array.isArray(value.suppressions) ? value.suppressions : [];
    entries.forEach((entry: unknown, index: number) => {
      const name = (entry as { resource?: unknown } | null)?.resource;
      if (typeof name !== "string") return;
      if (!resources.some((resource) => namesResource(name, resource))) {
        unmatched.push(
          `policy config: ${rule}.suppressions[${index}]: ${JSON.stringify(name)} names no resource of this stack, so it suppresses nothing: remove it, or write the resource's URN or logical name.`,
        );
      }
    });
  }
  return unmatched;
}
