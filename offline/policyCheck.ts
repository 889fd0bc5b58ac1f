import * as path from "path";
import * as fs from "fs";
import {
  Finding,
  PolicyConfigError,
  PolicyPackConfig,
  PolicyPackProcess,
  SMALL_CHECK_FLAGS,
  START_TIMEOUT_MS,
} from "./analyzerClient";
import { RecordedResource } from "./recordingMonitor";
import { WeakenedRule, unmatchedSuppressions } from "./policyConfigReview";
import { PROJECT_ROOT } from "./stackFiles";

/**
 * The pack's rule that lists suppressions (policies/lib/suppressions.ts). A copy: the offline
 * tools do not compile the pack's sources; test/policies/suppressions.test.ts pins them equal.
 */
export const SUPPRESSIONS_POLICY_NAME = "policy-suppressions";

export const POLICY_PACK_DIR = path.join(PROJECT_ROOT, "policies");

/** Reads a `--policy-pack-config` style JSON file; `undefined` when no file is given. */
export function readPolicyConfig(file: string | undefined): PolicyPackConfig | undefined {
  if (file === undefined) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new PolicyConfigError(`policy config ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PolicyConfigError(`policy config ${file}: expected a JSON object of rule settings.`);
  }
  return parsed as PolicyPackConfig;
}

/** Where a check gets its pack process and gives it back. */
interface PackProcesses {
  take(): PolicyPackProcess;
  /** `configured`: the check set a policy config (a pool must not reuse that process). */
  give(pack: PolicyPackProcess, configured: boolean): void;
}

/**
 * A new process for each check, stopped after it. The tests swap in a pool that reuses the
 * processes never configured (test/helpers/sharedPack.ts).
 */
export const packProcesses: PackProcesses = {
  take: () =>
    new PolicyPackProcess(POLICY_PACK_DIR, START_TIMEOUT_MS, undefined, SMALL_CHECK_FLAGS),
  give: (pack) => pack.stop(),
};

/**
 * The real, compiled policy pack in its own process, configured if a config is given. Its
 * process starts when this is made: make it before running the program, so both load at once;
 * one check serves any number of `analyze` calls (every stack of `check --all`).
 */
export class PolicyCheck {
  private readonly pack = packProcesses.take();
  /** Mandatory rules the config weakened (only with `allowWeakening`; otherwise refused). */
  readonly weakened: Promise<WeakenedRule[]>;
  private readonly configured: Promise<unknown>;

  constructor(
    private readonly config?: PolicyPackConfig,
    allowWeakening = false,
  ) {
    this.weakened = config ? this.pack.configure(config, allowWeakening) : Promise.resolve([]);
    this.configured = this.weakened;
    // A bad config surfaces at the first `analyze`, not as an unhandled rejection.
    this.configured.catch(() => undefined);
  }

  async analyze(resources: RecordedResource[]): Promise<Finding[]> {
    await this.configured;
    return this.pack.analyze(resources);
  }

  /** The config's suppressions that name no resource of `resources` (stale or mistyped). */
  unmatchedSuppressions(resources: readonly RecordedResource[]): string[] {
    return this.config ? unmatchedSuppressions(this.config, resources) : [];
  }

  stop(): void {
    packProcesses.give(this.pack, this.config !== undefined);
  }
}

/**
 * Findings grouped by rule, mandatory first, one line per resource; then the suppressed ones
 * (the pack's policy-suppressions summary) with their reasons, and a one-line summary.
 */
export function renderFindings(findings: Finding[]): string {
  const suppressed = findings.filter((f) => f.policyName === SUPPRESSIONS_POLICY_NAME);
  const active = findings.filter((f) => f.policyName !== SUPPRESSIONS_POLICY_NAME);
  if (findings.length === 0) {
    return "Policy pack: no findings.";
  }
  const byPolicy = new Map<string, Finding[]>();
  for (const finding of active) {
    byPolicy.set(finding.policyName, [...(byPolicy.get(finding.policyName) ?? []), finding]);
  }
  const order = (list: Finding[]) => (list.some((f) => f.enforcementLevel === "mandatory") ? 0 : 1);
  const lines = [`Policy pack: ${active.length} finding(s)`];
  for (const [policy, list] of [...byPolicy].sort(([, a], [, b]) => order(a) - order(b))) {
    lines.push(`  [${list[0].enforcementLevel}] ${policy}`);
    for (const finding of list) {
      lines.push(`    ${finding.urn}`, `      ${violationDetail(finding.message)}`);
    }
  }
  if (suppressed.length > 0) {
    lines.push(`  Suppressions (${suppressed.length}), each with its reason:`);
    for (const finding of suppressed) {
      lines.push(`    ${finding.urn}`, `      ${violationDetail(finding.message)}`);
    }
  }
  lines.push(
    `Summary: ${mandatoryCount(active)} mandatory, ${active.length - mandatoryCount(active)} advisory, ${suppressed.length} suppressed.`,
  );
  return lines.join("\n");
}

export function mandatoryCount(findings: Finding[]): number {
  return findings.filter((finding) => finding.enforcementLevel === "mandatory").length;
}

/**
 * The pack sends "description\nviolation"; the description is the rule's (printed once per
 * rule by the CLI), so the violation's own text is what tells this resource's problem.
 */
export function violationDetail(message: string): string {
  const newline = message.indexOf("\n");
  return (newline === -1 ? message : message.slice(newline + 1)).replace(/\n/g, " ");
}
