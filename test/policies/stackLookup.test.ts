import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { findReferenced } from "../../policies/lib/stackLookup";
import { isUnknownValue } from "../../policies/lib/unknowns";

/* eslint-disable @typescript-eslint/no-require-imports */
const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
  unknownStringValue: string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = "aws:kms/key:Key";
const OTHER = "aws:ecs/cluster:Cluster";

function resource(index: number, type: string, props: Record<string, unknown>): PolicyResource {
  return {
    type,
    name: `r${index}`,
    urn: `urn:r${index}`,
    props: unknownCheckingProxy(props),
  } as PolicyResource;
}

/** What findReferenced answered before it had an index: a scan in stack order. */
function scanned(resources: PolicyResource[], type: string, reference: string, keys: string[]) {
  return resources.find(
    (candidate) =>
      candidate.type === type && keys.some((key) => candidate.props[key] === reference),
  );
}

/** The resource found, or "unknown" where the lookup raised the server's unknown-value error. */
function outcome(lookup: () => PolicyResource | undefined): string | undefined {
  try {
    return lookup()?.name;
  } catch (error) {
    if (isUnknownValue(error)) return "unknown";
    throw error;
  }
}

/** `count` resources, every third of another type, with repeated and some unknown values. */
function stack(count: number, unknownAt: number[] = []): PolicyResource[] {
  return Array.from({ length: count }, (_, index) =>
    resource(index, index % 3 === 2 ? OTHER : KEY, {
      arn: unknownAt.includes(index) ? unknownStringValue : `arn:key/${index % 50}`,
      id: `id-${index % 70}`,
      keyId: index % 5 === 0 ? 7 : `key-${index}`,
    }),
  );
}

describe("findReferenced (stack lookups by ARN, id or name)", () => {
  const keys = ["arn", "id", "keyId"];
  const references = [
    ...Array.from({ length: 60 }, (_, index) => `arn:key/${index}`),
    ...Array.from({ length: 80 }, (_, index) => `id-${index}`),
    "key-4",
    "key-5",
    "key-299",
    "missing",
  ];

  for (const [size, unknownAt] of [
    [10, []],
    [300, []],
    [300, [150]],
    [300, [0]],
  ] as [number, number[]][]) {
    it(`answers as a scan in stack order does: ${size} resources, unknown at [${unknownAt}]`, () => {
      const resources = stack(size, unknownAt);
      for (const reference of references) {
        assert.strictEqual(
          outcome(() => findReferenced(resources, KEY, reference, keys)),
          outcome(() => scanned(resources, KEY, reference, keys)),
          reference,
        );
      }
    });
  }

  it("finds the first resource in stack order, trying its keys in order", () => {
    const resources = stack(300);
    assert.strictEqual(findReferenced(resources, KEY, "arn:key/3", keys)?.name, "r3");
    assert.strictEqual(findReferenced(resources, KEY, "id-3", keys)?.name, "r3");
    assert.strictEqual(findReferenced(resources, KEY, "key-4", keys)?.name, "r4");
    // r8 is another type's in stack(): only resources of the type asked for are found.
    assert.strictEqual(findReferenced(resources, KEY, "key-8", keys), undefined);
    assert.strictEqual(findReferenced(resources, OTHER, "key-8", keys)?.name, "r8");
  });

  it("raises the unknown-value error only for values reached before a match", () => {
    const resources = stack(300, [10]);
    assert.strictEqual(findReferenced(resources, KEY, "arn:key/3", keys)?.name, "r3");
    assert.strictEqual(
      outcome(() => findReferenced(resources, KEY, "id-69", keys)),
      "unknown",
    );
    assert.strictEqual(
      outcome(() => findReferenced(resources, KEY, "missing", keys)),
      "unknown",
    );
  });

  it("finds nothing for a reference that is not a non-empty string", () => {
    const resources = stack(300);
    for (const reference of [undefined, "", 7, { arn: "arn:key/3" }]) {
      assert.strictEqual(findReferenced(resources, KEY, reference, keys), undefined);
    }
  });

  it("does not answer from another resource list's index", () => {
    const first = stack(300);
    const second = stack(300).reverse();
    assert.strictEqual(findReferenced(first, KEY, "id-1", keys)?.name, "r1");
    assert.strictEqual(findReferenced(second, KEY, "id-1", keys)?.name, "r211");
  });
});
