import * as assert from "assert";
import * as path from "path";
import {
  AnalyzerResourceFields,
  BinaryWriter,
  encode,
  encodeStackRequestInSlices,
  writeResource,
  writeStackRequest,
} from "../../offline/analyzerEncoding";
import { runOffline } from "../../offline/runOffline";
import { readStackConfigFile } from "../../offline/stackFiles";
import { buildStack } from "../../program";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
/** The generated messages, from the copies `@pulumi/pulumi`'s stubs use. */
const besidePulumi = (request: string): any =>
  require(require.resolve(request, { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));
const proto = besidePulumi("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = besidePulumi("google-protobuf/google/protobuf/struct_pb");
const { BinaryWriter: Writer } = besidePulumi("google-protobuf") as {
  BinaryWriter: new () => BinaryWriter;
};

/** A resource as the generated messages build it (Struct through a JSON round trip). */
function message(resource: AnalyzerResourceFields, Message: any): any {
  const item = new Message();
  item.setType(resource.type);
  item.setName(resource.name);
  item.setUrn(resource.urn);
  item.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(resource.properties))));
  item.setOptions(new proto.AnalyzerResourceOptions());
  if (resource.parent !== undefined) {
    item.setParent(resource.parent);
    item.setDependenciesList(resource.dependencies);
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      const dependencies = new proto.AnalyzerPropertyDependencies();
      dependencies.setUrnsList(urns);
      item.getPropertydependenciesMap().set(key, dependencies);
    }
  }
  return item;
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const bytes = (value: Uint8Array) => Buffer.from(value).toString("hex");

describe("Analyzer requests written as bytes (analyzerEncoding.ts)", () => {
  const awkward: AnalyzerResourceFields = {
    type: "aws:iam/role:Role",
    name: "odd",
    urn: "urn:pulumi:test::p::aws:iam/role:Role::odd",
    parent: "",
    dependencies: ["urn:a", "urn:b"],
    propertyDependencies: { policy: ["urn:b"], assumeRolePolicy: [], "": ["urn:a", "urn:b"] },
    properties: {
      zeta: 1.5,
      alpha: [1, undefined, null, Number.NaN, -Infinity, "x", [true, false], {}],
      gone: undefined,
      fn: () => 1,
      when: new Date(0),
      "": "empty key",
      nested: { b: { c: [] }, a: "", z: -0, big: 2 ** 60 },
      empty: {},
    },
  };

  it("writes an AnalyzeRequest byte for byte as the generated message does", () => {
    const request = {
      ...awkward,
      parent: undefined,
      dependencies: undefined,
      propertyDependencies: undefined,
    };
    assert.strictEqual(
      bytes(encode(Writer, request, writeResource)),
      bytes(message(request, proto.AnalyzeRequest).serializeBinary()),
    );
  });

  for (const stack of ["dev", "prod"]) {
    it(`writes the ${stack} stack's AnalyzeStackRequest byte for byte as the generated messages do`, async () => {
      const run = await runOffline(buildStack, { stack, config: readStackConfigFile(stack) });
      const resources: AnalyzerResourceFields[] = [
        awkward,
        ...run.resources.map((resource) => ({
          ...resource,
          properties: { ...resource.inputs, ...resource.outputs, id: resource.id },
        })),
      ];
      const expected = new proto.AnalyzeStackRequest();
      expected.setResourcesList(resources.map((r) => message(r, proto.AnalyzerResource)));
      assert.strictEqual(
        bytes(encode(Writer, resources, writeStackRequest)),
        bytes(expected.serializeBinary()),
      );
      // Written in slices (while Analyze calls run): the same bytes, whatever the slice size.
      for (const slice of [1, 7, resources.length, resources.length + 1]) {
        assert.strictEqual(
          bytes(await encodeStackRequestInSlices(Writer, resources, slice)),
          bytes(expected.serializeBinary()),
          `slices of ${slice}`,
        );
      }
    });
  }

  it("writes an empty AnalyzeStackRequest in slices as the generated message does", async () => {
    const empty = new proto.AnalyzeStackRequest().serializeBinary();
    assert.strictEqual(bytes(await encodeStackRequestInSlices(Writer, [])), bytes(empty));
  });

  it("records which resources each input came from, as the engine sends them to stack rules", async () => {
    const run = await runOffline(buildStack, { stack: "dev", config: readStackConfigFile("dev") });
    const role = run.resources.find((r) => r.name === "workload-task-role");
    const policy = run.resources.find((r) => r.name === "ecs-exec-task-policy");
    assert.ok(role && policy, "dev has the task role and the exec task policy");
    assert.deepStrictEqual(policy.propertyDependencies.role, [role.urn]);
  });
});
