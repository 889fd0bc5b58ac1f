import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Policies, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  AnalyzerResourceFields,
  BinaryWriter,
  encode,
  writeStackRequest,
} from "../../offline/analyzerEncoding";
import { RecordedResource } from "../../offline/recordingMonitor";
import { selectRules } from "../../policies/library";
import {
  ANALYZE_STACK_LOOP_MARKERS,
  analyzeStackLoopProblems,
  buildStackResourcesOncePerRequest,
  installStackResourcesSharing,
  PolicyInternals,
  policyInternals,
  shareStackResources,
} from "../../policies/lib/stackResourcesOnce";
import { plan, stackConfig } from "../helpers/offlinePlan";
import { Fixture, FixtureResource } from "./judge";

/* eslint-disable @typescript-eslint/no-require-imports */
// The server and protocol classes the pack's process uses, resolved from the pack's own folder.
const packLib = require.resolve("../../policies/lib/stackResourcesOnce");
const server = require(require.resolve("@pulumi/policy/server", { paths: [packLib] })) as {
  makeAnalyzeStackRpcFun(
    ...args: [string, string, string, Policies]
  ): (call: { request: unknown }, done: (error: unknown, response?: Response) => void) => unknown;
};
const analyzerPb = require(
  require.resolve("@pulumi/pulumi/proto/analyzer_pb", {
    paths: [path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [packLib] }))],
  }),
) as {
  AnalyzeStackRequest: { deserializeBinary(bytes: Uint8Array): unknown };
  AnalyzerResource: { prototype: { getOptions(): unknown } };
};
const { BinaryWriter: Writer } = require(
  require.resolve("google-protobuf", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }),
) as { BinaryWriter: new () => BinaryWriter };
/* eslint-enable @typescript-eslint/no-require-imports */

interface Message {
  toObject(): unknown;
}
interface Response {
  getDiagnosticsList(): Message[];
  getNotApplicableList(): Message[];
}

const REAL = policyInternals();
const ORIGINAL_GET_PULUMI_TYPE = REAL.policy.getPulumiType;
const ORIGINAL_GET_RESOURCES_LIST = REAL.stackRequest.prototype.getResourcesList;

function restore(): void {
  REAL.policy.getPulumiType = ORIGINAL_GET_PULUMI_TYPE;
  REAL.stackRequest.prototype.getResourcesList = ORIGINAL_GET_RESOURCES_LIST;
}

/** Runs one AnalyzeStack request, decoded from bytes as the server receives it. */
async function analyzeStack(policies: Policies, resources: AnalyzerResourceFields[]) {
  const request = analyzerPb.AnalyzeStackRequest.deserializeBinary(
    encode(Writer, resources, writeStackRequest),
  );
  const handler = server.makeAnalyzeStackRpcFun("test-pack", "0.1.0", "advisory", policies);
  const response = await new Promise<Response>((resolve, reject) => {
    void handler({ request }, (error, answer) => (error ? reject(error) : resolve(answer!)));
  });
  return {
    diagnostics: response.getDiagnosticsList().map((d) => d.toObject()),
    notApplicable: response.getNotApplicableList().map((n) => n.toObject()),
  };
}

/** How many resources the server built (it reads each one's options once per build). */
async function counted<T>(work: () => Promise<T>): Promise<[number, T]> {
  const prototype = analyzerPb.AnalyzerResource.prototype;
  const getOptions = prototype.getOptions;
  let builds = 0;
  prototype.getOptions = function (this: unknown) {
    builds++;
    return getOptions.call(this);
  };
  try {
    const result = await work();
    return [builds, result];
  } finally {
    prototype.getOptions = getOptions;
  }
}

const urnOf = (name: string) => `urn:pulumi:test::p::aws:iam/role:Role::${name}`;

/** A small linked stack: parents, dependencies and property dependencies among its resources. */
function linkedStack(count: number): AnalyzerResourceFields[] {
  return Array.from({ length: count }, (_, index) => ({
    type: index % 2 ? "aws:iam/role:Role" : "aws:ecs/cluster:Cluster",
    name: `r${index}`,
    urn: urnOf(`r${index}`),
    properties: { index, tags: { team: `t${index % 3}` }, list: [index, String(index)] },
    parent: index > 0 ? urnOf(`r${index - 1}`) : "",
    dependencies: index > 1 ? [urnOf(`r${index - 2}`)] : [],
    propertyDependencies: Object.fromEntries(index > 1 ? [["tags", [urnOf(`r${index - 2}`)]]] : []),
  }));
}

/** What a rule can read of a resource, links by URN. */
function readable(resource: PolicyResource) {
  return {
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    props: JSON.parse(JSON.stringify(resource.props)) as unknown,
    opts: resource.opts,
    parent: resource.parent?.urn,
    dependencies: resource.dependencies.map((d) => d.urn),
    propertyDependencies: Object.entries(resource.propertyDependencies).map(([k, v]) => [
      k,
      v.map((d) => d.urn),
    ]),
  };
}

/** Stack rules that keep what the server handed them; `share` wraps them as the library does. */
function recorders(share: boolean[]) {
  const seen: PolicyResource[][] = share.map(() => []);
  const policies = share.map((shares, index) => {
    const policy: StackValidationPolicy = {
      name: `recorder-${index}`,
      description: "records args.resources",
      enforcementLevel: "advisory",
      validateStack: (args, report) => {
        seen[index] = args.resources;
        report(`saw ${args.resources.length}`);
      },
    };
    return shares ? shareStackResources(policy) : policy;
  });
  return { seen, policies };
}

describe("stack resources built once per AnalyzeStack request (the pack's entry turns it on)", () => {
  afterEach(restore);

  it("finds the installed @pulumi/policy's AnalyzeStack loop in the shape it relies on", () => {
    assert.deepStrictEqual(analyzeStackLoopProblems(REAL.analyzeStackSource), []);
    // What the pack's entry calls: on, here, for the installed version.
    assert.deepStrictEqual(buildStackResourcesOncePerRequest(), []);
    assert.notStrictEqual(REAL.policy.getPulumiType, ORIGINAL_GET_PULUMI_TYPE);
    assert.deepStrictEqual(
      buildStackResourcesOncePerRequest(),
      [],
      "a second call changes nothing",
    );
  });

  it("refuses a loop with a step missing, out of order or twice", () => {
    const [list, announce, loop] = ANALYZE_STACK_LOOP_MARKERS;
    const source = REAL.analyzeStackSource;
    assert.deepStrictEqual(analyzeStackLoopProblems(source.replace(loop, "for (const r of xs)")), [
      `"${loop}" not found after the previous step`,
    ]);
    assert.deepStrictEqual(analyzeStackLoopProblems(`${loop}\n${list}\n${announce}`).slice(0, 1), [
      `"${loop}" not found after the previous step`,
    ]);
    assert.ok(
      analyzeStackLoopProblems(`${source}\n${loop}`).includes(`"${loop}" found more than once`),
    );
  });

  it("builds each resource once for every sharing rule; another rule gets its own build", async () => {
    const stack = linkedStack(12);
    const { seen, policies } = recorders([true, true, false, true]);
    assert.deepStrictEqual(installStackResourcesSharing(REAL), []);
    const [builds, shared] = await counted(() => analyzeStack(policies, stack));
    // One build for the three sharing rules, one for the rule that does not share.
    assert.strictEqual(builds, 2 * stack.length);
    assert.strictEqual(seen[0], seen[1]);
    assert.strictEqual(seen[0], seen[3]);
    assert.notStrictEqual(seen[0], seen[2]);
    assert.ok(Object.isFrozen(seen[0]), "a rule cannot sort the shared list under the others");
    assert.deepStrictEqual(seen[0].map(readable), seen[2].map(readable));
    assert.strictEqual(seen[0].length, stack.length);

    restore();
    const [unsharedBuilds, unshared] = await counted(() => analyzeStack(policies, stack));
    assert.strictEqual(unsharedBuilds, 4 * stack.length);
    assert.notStrictEqual(seen[0], seen[1]);
    assert.deepStrictEqual(seen[0].map(readable), seen[2].map(readable));
    assert.deepStrictEqual(shared, unshared);
  });

  it("builds again for the next request, and keeps a rule's per-type skip", async () => {
    const typed = shareStackResources({
      name: "typed",
      description: "only S3 buckets",
      enforcementLevel: "advisory",
      validateStack: Object.assign(() => undefined, { __pulumiType: "aws:s3/bucket:Bucket" }),
    } as StackValidationPolicy);
    const { seen, policies } = recorders([true, true]);
    installStackResourcesSharing(REAL);
    const [builds, first] = await counted(() => analyzeStack([typed, ...policies], linkedStack(5)));
    assert.strictEqual(builds, 5);
    assert.deepStrictEqual(first.notApplicable, [
      {
        policyName: "typed",
        reason: "Policy only applies to resources of type 'aws:s3/bucket:Bucket'",
      },
    ]);
    const before = seen[0];
    await analyzeStack(policies, linkedStack(3));
    assert.notStrictEqual(seen[0], before);
    assert.deepStrictEqual(
      seen[1].map((r) => r.urn),
      linkedStack(3).map((r) => r.urn),
    );
  });

  it("leaves a @pulumi/policy of another shape unpatched: every rule gets the server's build", async () => {
    const [, , loop] = ANALYZE_STACK_LOOP_MARKERS;
    const changed: PolicyInternals = {
      ...REAL,
      analyzeStackSource: REAL.analyzeStackSource.replace(
        loop,
        "for (const r of resources.values())",
      ),
    };
    assert.deepStrictEqual(installStackResourcesSharing(changed), [
      `"${loop}" not found after the previous step`,
    ]);
    assert.strictEqual(REAL.policy.getPulumiType, ORIGINAL_GET_PULUMI_TYPE);
    assert.strictEqual(REAL.stackRequest.prototype.getResourcesList, ORIGINAL_GET_RESOURCES_LIST);
    const { seen, policies } = recorders([true, true]);
    const [builds] = await counted(() => analyzeStack(policies, linkedStack(4)));
    assert.strictEqual(builds, 8);
    assert.notStrictEqual(seen[0], seen[1]);
  });

  it("every rule of the pack reports the same with and without it, over fixtures and the examples", async function () {
    this.timeout(120_000);
    const fixtures = fixtureStacks();
    // Also all of them in one stack, each fixture's names and links kept apart by a suffix.
    const merged = fixtures.flatMap((stack, index) =>
      stack.map((resource) => ({
        ...resource,
        name: `${resource.name}-f${index}`,
        urn: `${resource.urn}-f${index}`,
        propertyDependencies: Object.fromEntries(
          Object.entries(resource.propertyDependencies).map(([key, urns]) => [
            key,
            urns.map((urn) => `${urn}-f${index}`),
          ]),
        ),
      })),
    );
    const stacks = [...fixtures, merged, ...(await exampleStacks())];
    const policies = selectRules();
    let mandatory = 0;
    for (const stack of stacks) {
      installStackResourcesSharing(REAL);
      const shared = await analyzeStack(policies, stack);
      restore();
      const unshared = await analyzeStack(policies, stack);
      assert.deepStrictEqual(shared, unshared, `stack of ${stack.map((r) => r.name).join(", ")}`);
      mandatory += shared.diagnostics.filter(
        (d) => (d as { enforcementlevel: number }).enforcementlevel === 1,
      ).length;
    }
    // The comparison means something only if the rules found things.
    assert.ok(stacks.length > 100, `${stacks.length} stacks`);
    assert.ok(mandatory > 50, `${mandatory} mandatory findings`);
  });
});

/** Every Checkov-style fixture's resources (test/policies/fixtures), as one stack each. */
function fixtureStacks(): (AnalyzerResourceFields & {
  propertyDependencies: Record<string, string[]>;
})[][] {
  const dir = path.join(__dirname, "fixtures");
  const fixtures = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".js"))
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap((file) => Object.values(require(path.join(dir, file)) as Record<string, unknown>))
    .filter(Array.isArray)
    .flat()
    .filter((item): item is Fixture => Array.isArray((item as Fixture)?.resources));
  return fixtures.map((fixture) => {
    const urn = (resource: FixtureResource, index: number) =>
      `urn:pulumi:${resource.stack ?? "test"}::fargate-access::${resource.type}::${resource.name ?? `r${index}`}`;
    const urnByName = new Map(fixture.resources.map((r, i) => [r.name ?? `r${i}`, urn(r, i)]));
    return fixture.resources.map((resource, index) => ({
      type: resource.type,
      name: resource.name ?? `r${index}`,
      urn: urn(resource, index),
      properties: resource.props,
      propertyDependencies: Object.fromEntries(
        Object.entries(resource.dependsOn ?? {}).map(([key, names]) => [
          key,
          names.map((name) => urnByName.get(name) ?? name),
        ]),
      ),
    }));
  });
}

/** The example stack as planned, in the state AnalyzeStack carries (analyzerClient.ts). */
async function exampleStacks(): Promise<AnalyzerResourceFields[][]> {
  const asState = (resource: RecordedResource) => ({
    ...resource,
    properties: { ...resource.inputs, ...resource.outputs, id: resource.id },
  });
  const run = await plan(stackConfig());
  return [run.resources.map(asState)];
}
