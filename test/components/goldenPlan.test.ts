import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { buildStack } from "../../program";
import { runOffline } from "../../offline/runOffline";
import { engineIdentities } from "../../offline/engineUrns";
import { PROJECT_NAME } from "../../lib/projectName";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";

/**
 * Golden plans: what the program registers for each example stack (`Pulumi.<stack>.yaml`):
 * every resource's URN, type, inputs and dependencies, and the stack outputs, compared with
 * test/golden/<stack>.plan.json. A refactoring must leave them identical.
 *
 * After an intended change, regenerate the files and review the diff in git:
 *   UPDATE_GOLDEN=1 npm test
 */
const GOLDEN_DIR = path.join(PROJECT_ROOT, "test", "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
/** How many differences a failure lists. */
const SHOWN = 8;

/**
 * Inputs that legitimately vary with things other than the program's behaviour, replaced by a
 * fixed placeholder (each is pinned by its own tests):
 * - the image tag is a content hash of container/ (any edit there, or a checkout with CRLF
 *   line endings, changes it): test/components/serviceImage.test.ts;
 * - the cleanup function's code is a ~750 kB esbuild bundle whose bytes follow the locked
 *   dependency versions: only the archive's file names are kept.
 */
const IMAGE_TAG = "<content hash of the build context>";
const BUNDLE = "<string asset: esbuild bundle>";

async function normalise(value: unknown, key = ""): Promise<unknown> {
  if (value instanceof pulumi.asset.AssetArchive) {
    const assets = await (value.assets as unknown as Promise<Record<string, unknown>>);
    return { archive: Object.fromEntries(Object.keys(assets).map((name) => [name, BUNDLE])) };
  }
  if (key === "imageTag" && typeof value === "string") {
    return IMAGE_TAG;
  }
  if (typeof value === "string" && /^[[{]/.test(value)) {
    // Policies, container definitions and state machines are JSON text: kept as structure so
    // that a diff names the field that changed.
    try {
      return { $json: await normalise(JSON.parse(value)) };
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) {
    return Promise.all(value.map((item) => normalise(item)));
  }
  if (typeof value === "object" && value !== null) {
    const entries = await Promise.all(
      Object.keys(value)
        .sort()
        .map(async (name) => [
          name,
          await normalise((value as Record<string, unknown>)[name], name),
        ]),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

interface GoldenPlan {
  resources: {
    urn: string;
    type: string;
    aliases?: string[];
    inputs: unknown;
    dependencies: string[];
  }[];
  outputs: unknown;
}

async function planOf(stack: string): Promise<GoldenPlan> {
  const config = readStackConfigFile(stack, PROJECT_ROOT);
  const run = await runOffline(buildStack, { stack, config });
  // URNs as the engine forms them (the mock's keep only the parent's own type), with the
  // aliases that keep resources of older stacks (test/components/deployedUrns.test.ts).
  const identities = engineIdentities(run.resources, stack, PROJECT_NAME);
  const engineUrn = new Map(run.resources.map((r) => [r.urn, identities.get(r)?.urn ?? r.urn]));
  const resources = await Promise.all(
    [...run.resources]
      .map((resource) => ({ resource, identity: identities.get(resource) }))
      .sort((a, b) => compare(a.identity?.urn ?? "", b.identity?.urn ?? ""))
      .map(async ({ resource, identity }) => ({
        urn: identity?.urn ?? resource.urn,
        type: resource.type,
        ...(identity?.aliases.length ? { aliases: identity.aliases } : {}),
        inputs: await normalise(resource.inputs),
        dependencies: [
          ...new Set(resource.dependencies.map((urn) => engineUrn.get(urn) ?? urn)),
        ].sort(),
      })),
  );
  return { resources, outputs: await normalise(run.outputs) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `path → JSON value` for every leaf, resources keyed by URN, so a diff reads as a list. */
function leaves(plan: GoldenPlan): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (value: unknown, at: string): void => {
    if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
      for (const [key, item] of Object.entries(value)) {
        walk(item, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`);
      }
    } else {
      flat.set(at, JSON.stringify(value));
    }
  };
  for (const resource of plan.resources) {
    walk(
      {
        type: resource.type,
        aliases: resource.aliases,
        inputs: resource.inputs,
        dependencies: resource.dependencies,
      },
      resource.urn,
    );
  }
  walk(plan.outputs, "outputs");
  return flat;
}

/** The first differences between two plans, one line each; empty when they are equal. */
export function planDifferences(expected: GoldenPlan, actual: GoldenPlan): string[] {
  const before = leaves(expected);
  const after = leaves(actual);
  const lines: string[] = [];
  for (const [at, value] of before) {
    if (!after.has(at)) lines.push(`- ${at} = ${value}`);
    else if (after.get(at) !== value) lines.push(`~ ${at}: ${value} → ${after.get(at)}`);
  }
  for (const [at, value] of after) {
    if (!before.has(at)) lines.push(`+ ${at} = ${value}`);
  }
  return lines;
}

describe("golden plans of the example stacks", () => {
  it("has a stack file for dev and prod", () => {
    assert.deepStrictEqual(listStacks(PROJECT_ROOT), ["dev", "prod"]);
  });

  for (const stack of ["dev", "prod"]) {
    it(`plans Pulumi.${stack}.yaml exactly as test/golden/${stack}.plan.json`, async () => {
      const file = path.join(GOLDEN_DIR, `${stack}.plan.json`);
      const actual = await planOf(stack);
      const text = JSON.stringify(actual, null, 2) + "\n";
      assert.ok(!text.includes(PROJECT_ROOT), "the plan holds an absolute path of this checkout");
      if (UPDATE) {
        fs.writeFileSync(file, text);
        return;
      }
      assert.ok(fs.existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`);
      const expected = JSON.parse(fs.readFileSync(file, "utf8")) as GoldenPlan;
      const differences = planDifferences(expected, actual);
      assert.ok(
        differences.length === 0,
        `the ${stack} plan differs from ${path.relative(PROJECT_ROOT, file)} in ` +
          `${differences.length} place(s) (- golden only, + plan only, ~ changed):\n  ` +
          differences.slice(0, SHOWN).join("\n  ") +
          "\nIf the change is intended: UPDATE_GOLDEN=1 npm test (then review the diff in git)",
      );
    });
  }

  it("reports a changed, a removed and an added value", () => {
    const base: GoldenPlan = {
      resources: [{ urn: "u1", type: "t", inputs: { a: 1, b: [1, 2] }, dependencies: [] }],
      outputs: { x: "1" },
    };
    const changed: GoldenPlan = {
      resources: [{ urn: "u1", type: "t", inputs: { a: 2, b: [1] }, dependencies: ["u0"] }],
      outputs: { x: "1", y: "2" },
    };
    assert.deepStrictEqual(planDifferences(base, changed), [
      "~ u1.inputs.a: 1 → 2",
      "- u1.inputs.b[1] = 2",
      "- u1.dependencies = []",
      '+ u1.dependencies[0] = "u0"',
      '+ outputs.y = "2"',
    ]);
  });
});
