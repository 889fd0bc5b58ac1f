import * as assert from "assert";
import {
  conditionNarrowsKey,
  KeyFacts,
  parseConditionOperator,
} from "../../../policies/iam/conditionNarrowing";

// IAM User Guide, "IAM JSON policy elements: Condition operators": `…IfExists` is true when the
// key is missing; negated operators pass other values; ForAllValues is true for an empty set;
// StringEquals compares literally while StringLike / ArnLike / ArnEquals read `*` and `?`.

const CLUSTER = "arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}";
const arnKey: KeyFacts = { holdsArns: true, arnTemplates: [CLUSTER] };
const stringKey: KeyFacts = { holdsArns: false, arnTemplates: [] };
const narrows = (operator: string, values: string[], facts = arnKey) =>
  conditionNarrowsKey({ operator, values }, facts);
const clusterArn = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/app";

describe("IAM condition narrowing (policies/iam/conditionNarrowing.ts)", () => {
  it("takes an operator apart: set prefix, base, IfExists", () => {
    assert.deepStrictEqual(parseConditionOperator("ForAnyValue:StringLikeIfExists"), {
      set: "ForAnyValue",
      base: "stringlike",
      ifExists: true,
    });
    assert.deepStrictEqual(parseConditionOperator("forallvalues:ArnEquals"), {
      set: "ForAllValues",
      base: "arnequals",
      ifExists: false,
    });
    assert.deepStrictEqual(parseConditionOperator("StringEquals"), {
      base: "stringequals",
      ifExists: false,
    });
  });

  it("narrows with a concrete value", () => {
    assert.ok(narrows("ArnEquals", [clusterArn]));
    assert.ok(narrows("ArnLike", ["arn:aws:ecs:*:*:cluster/app-*"]));
    assert.ok(narrows("StringEquals", ["payments"], stringKey));
    assert.ok(narrows("StringLike", ["team-*"], stringKey));
    assert.ok(narrows("ForAnyValue:StringEquals", ["payments"], stringKey));
  });

  it("does not narrow with wildcard-only or whole-type values", () => {
    assert.ok(!narrows("ArnLike", ["arn:*"]));
    assert.ok(!narrows("ArnLike", ["*"]));
    assert.ok(!narrows("ArnEquals", ["arn:aws:ecs:*:*:cluster/*"]));
    assert.ok(!narrows("ArnLike", ["arn:aws-cn:ecs:*:*:*"]));
    assert.ok(!narrows("StringLike", ["*"], stringKey));
    assert.ok(!narrows("StringLike", ["??*"], stringKey));
  });

  it("does not take a name pattern for a key that holds ARNs", () => {
    assert.ok(!narrows("StringLike", ["cluster*"]));
    assert.ok(!narrows("StringLike", ["*app*"]));
  });

  it("one value that accepts everything spoils the others (values are ORed)", () => {
    assert.ok(!narrows("ArnLike", [clusterArn, "arn:*"]));
  });

  it("reads * literally with StringEquals", () => {
    assert.ok(narrows("StringEquals", ["*"], stringKey));
    assert.ok(narrows("StringEqualsIgnoreCase", ["*"]));
  });

  it("does not narrow with IfExists, ForAllValues, negated operators or Null", () => {
    assert.ok(!narrows("ArnEqualsIfExists", [clusterArn]));
    assert.ok(!narrows("ForAnyValue:StringEqualsIfExists", ["payments"], stringKey));
    assert.ok(!narrows("ForAllValues:StringEquals", ["payments"], stringKey));
    assert.ok(!narrows("ArnNotEquals", [clusterArn]));
    assert.ok(!narrows("StringNotLike", ["payments"], stringKey));
    assert.ok(!narrows("Null", ["false"], stringKey));
    assert.ok(!narrows("ArnEquals", []));
  });
});
