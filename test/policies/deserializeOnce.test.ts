import * as assert from "assert";
import { deserializeOncePerRequest } from "../../policies/lib/deserializeOnce";

/* eslint-disable @typescript-eslint/no-require-imports */
type Deserialize = (struct: object, proxySecrets: boolean) => Record<string, unknown>;
const policyDeserialize = require(
  require.resolve("@pulumi/policy/deserialize", {
    paths: [require.resolve("../../policies/lib/deserializeOnce")],
  }),
) as { deserializeProperties: Deserialize };
// The Struct class @pulumi/policy's server receives (google-protobuf beside @pulumi/pulumi).
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [require.resolve("@pulumi/pulumi")],
  }),
) as { Struct: { fromJavaScript(value: Record<string, unknown>): object } };
/* eslint-enable @typescript-eslint/no-require-imports */

describe("deserializeOncePerRequest (the pack's entry turns it on)", () => {
  const original = policyDeserialize.deserializeProperties;
  const props = {
    name: "r",
    tags: { team: "a" },
    ports: [80, 443],
    nested: { list: [{ x: null }] },
  };

  before(() => deserializeOncePerRequest());
  after(() => (policyDeserialize.deserializeProperties = original));

  it("hands every rule the same plain object for one request's Struct, equal to a fresh one", () => {
    const struct = Struct.fromJavaScript(props);
    const first = policyDeserialize.deserializeProperties(struct, false);
    assert.strictEqual(policyDeserialize.deserializeProperties(struct, false), first);
    assert.deepStrictEqual(first, original(struct, false));
    assert.deepStrictEqual(first, props);
  });

  it("deserializes another request's Struct on its own, and secrets-proxying calls unchanged", () => {
    const one = Struct.fromJavaScript(props);
    const other = Struct.fromJavaScript({ ...props, name: "s" });
    assert.notStrictEqual(
      policyDeserialize.deserializeProperties(one, false),
      policyDeserialize.deserializeProperties(other, false),
    );
    assert.strictEqual(policyDeserialize.deserializeProperties(other, false).name, "s");
    assert.notStrictEqual(
      policyDeserialize.deserializeProperties(one, true),
      policyDeserialize.deserializeProperties(one, true),
    );
  });

  it("wraps only once when called again", () => {
    const wrapped = policyDeserialize.deserializeProperties;
    deserializeOncePerRequest();
    assert.strictEqual(policyDeserialize.deserializeProperties, wrapped);
    assert.notStrictEqual(wrapped, original);
  });
});
