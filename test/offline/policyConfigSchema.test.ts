import * as assert from "assert";
import { policyConfigProblems } from "../../offline/policyConfigSchema";

const LIST = {
  properties: { allowedCapabilities: { type: "array", items: { type: "string" } } },
  required: [],
};
const NUMBER = { properties: { retentionDays: { type: "number" } }, required: ["retentionDays"] };

describe("policy config validation (per rule's configSchema)", () => {
  it("judges each rule by its own schema, however often and in whatever order it is asked", () => {
    for (let round = 0; round < 2; round++) {
      assert.deepStrictEqual(policyConfigProblems("a", LIST, { allowedCapabilities: ["X"] }), []);
      assert.deepStrictEqual(policyConfigProblems("b", NUMBER, { retentionDays: 30 }), []);
      assert.deepStrictEqual(policyConfigProblems("a", LIST, { allowedCapabilities: [1] }), [
        "policy config: a.allowedCapabilities.0: 1 must be string.",
      ]);
      assert.deepStrictEqual(policyConfigProblems("b", NUMBER, {}), [
        "policy config: b: {} must have required property 'retentionDays'.",
      ]);
    }
  });

  it("names an unknown property with the closest known one", () => {
    assert.deepStrictEqual(policyConfigProblems("a", LIST, { allowedCapability: [] }), [
      'policy config: a: unknown property "allowedCapability". Did you mean allowedCapabilities? Allowed: enforcementLevel, allowedCapabilities.',
    ]);
  });
});
