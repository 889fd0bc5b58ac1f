import * as path from "path";
import { Finding, PolicyPackProcess } from "./analyzerClient";
import { RecordedResource } from "./recordingMonitor";
import { PROJECT_ROOT } from "./stackFiles";

export const POLICY_PACK_DIR = path.join(PROJECT_ROOT, "policies");

/** Feeds resources to the real, compiled policy pack and returns its findings. */
export async function checkWithPolicyPack(resources: RecordedResource[]): Promise<Finding[]> {
  const pack = await PolicyPackProcess.start(POLICY_PACK_DIR);
  try {
    return await pack.analyze(resources);
  } finally {
    pack.stop();
  }
}

/** Findings grouped by rule, mandatory first, one line per resource. */
export function renderFindings(findings: Finding[]): string {
  if (findings.length === 0) {
    return "Policy pack: no findings.";
  }
  const byPolicy = new Map<string, Finding[]>();
  for (const finding of findings) {
    byPolicy.set(finding.policyName, [...(byPolicy.get(finding.policyName) ?? []), finding]);
  }
  const order = (list: Finding[]) => (list.some((f) => f.enforcementLevel === "mandatory") ? 0 : 1);
  const lines = [`Policy pack: ${findings.length} finding(s)`];
  for (const [policy, list] of [...byPolicy].sort(([, a], [, b]) => order(a) - order(b))) {
    lines.push(`  [${list[0].enforcementLevel}] ${policy}`);
    for (const finding of list) {
      lines.push(`    ${finding.urn}`, `      ${finding.message.split("\n")[0]}`);
    }
  }
  return lines.join("\n");
}

export function mandatoryCount(findings: Finding[]): number {
  return findings.filter((finding) => finding.enforcementLevel === "mandatory").length;
}
