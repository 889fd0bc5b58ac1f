import * as assert from "assert";
import { parsePolicyDocument } from "../../../policies/iam/policyDocument";

// IAM User Guide, "IAM JSON policy element reference" and "Grammar of the IAM JSON policy
// language": one statement or a list, single values or lists, Principal "*" or by type,
// NotAction / NotResource / NotPrincipal, Version 2012-10-17 or 2008-10-17.

function parsed(value: unknown, kind: "identity" | "trust" = "identity") {
  const result = parsePolicyDocument(value, kind);
  assert.strictEqual(result.kind, "parsed", JSON.stringify(result));
  return result.kind === "parsed" ? result.statements : [];
}

function invalid(value: unknown, kind: "identity" | "trust" = "identity"): string {
  const result = parsePolicyDocument(value, kind);
  assert.strictEqual(result.kind, "invalid", JSON.stringify(result));
  return result.kind === "invalid" ? result.reason : "";
}

describe("IAM policy documents (policies/iam/policyDocument.ts)", () => {
  it("reads JSON text and objects, single values and lists alike", () => {
    const single = { Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };
    const list = {
      Version: "2012-10-17",
      Statement: [{ Sid: "S", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }],
    };
    const [one] = parsed(JSON.stringify(single));
    assert.deepStrictEqual(
      [one.path, one.sid, one.effect, one.actions, one.resources],
      ["Statement", undefined, "Allow", ["s3:GetObject"], ["*"]],
    );
    const [first] = parsed(list);
    assert.deepStrictEqual(
      [first.path, first.sid, first.actions],
      ["Statement[0]", "S", ["s3:GetObject"]],
    );
  });

  it("says unknown for a value not known yet", () => {
    assert.deepStrictEqual(parsePolicyDocument(undefined), { kind: "unknown" });
  });

  it("reads NotAction and NotResource as such", () => {
    const [statement] = parsed({
      Statement: [{ Effect: "Allow", NotAction: "iam:*", NotResource: ["arn:aws:s3:::b"] }],
    });
    assert.deepStrictEqual(
      [statement.actions, statement.notActions, statement.resources, statement.notResources],
      [["iam:*"], true, ["arn:aws:s3:::b"], true],
    );
  });

  it("reads conditions as entries, values as strings", () => {
    const [statement] = parsed({
      Statement: {
        Effect: "Allow",
        Action: "ecs:ListTasks",
        Resource: "*",
        Condition: { ArnEquals: { "ecs:cluster": "arn:c" }, Bool: { "aws:SecureTransport": true } },
      },
    });
    assert.deepStrictEqual(statement.conditions, [
      { operator: "ArnEquals", key: "ecs:cluster", values: ["arn:c"] },
      { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
    ]);
    assert.deepStrictEqual(statement.conditionKeys, ["ecs:cluster", "aws:SecureTransport"]);
  });

  it("reads trust policies: Principal * or by type, NotPrincipal", () => {
    const trust = (principal: Record<string, unknown>) => ({
      Statement: { Effect: "Allow", Action: "sts:AssumeRole", ...principal },
    });
    assert.deepStrictEqual(parsed(trust({ Principal: "*" }), "trust")[0].principals, [
      { type: "AWS", value: "*" },
    ]);
    const [byType] = parsed(
      trust({ Principal: { Service: ["ecs-tasks.amazonaws.com"], AWS: "arn:aws:iam::1:root" } }),
      "trust",
    );
    assert.deepStrictEqual(byType.principals, [
      { type: "Service", value: "ecs-tasks.amazonaws.com" },
      { type: "AWS", value: "arn:aws:iam::1:root" },
    ]);
    const [not] = parsed(trust({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } }), "trust");
    assert.deepStrictEqual([not.notPrincipals, not.principals.length], [true, 1]);
  });

  it("rejects what IAM rejects, saying where and why", () => {
    const statement = (fields: Record<string, unknown>) => ({ Statement: [fields] });
    assert.strictEqual(invalid("{not json"), "the policy is not valid JSON");
    assert.strictEqual(invalid("[]"), "the policy is not a JSON object");
    assert.match(
      invalid(statement({ Effect: "Allow", Action: "a:b", NotAction: "c:d", Resource: "*" })),
      /^Statement\[0\]: Only one of Action or NotAction is allowed, found both$/,
    );
    assert.match(
      invalid(statement({ Action: "a:b", Resource: "*" })),
      /Statement\[0\]\.Effect: Effect must be present and exactly "Allow" or "Deny"/,
    );
    assert.match(
      invalid(statement({ Effect: "allow", Action: "a:b", Resource: "*" })),
      /Effect must be present and exactly "Allow" or "Deny"/,
    );
    assert.strictEqual(
      invalid(statement({ Effect: "Allow", Action: "s3:GetObject" })),
      "Statement[0]: One of Resource or NotResource is required in an identity policy statement",
    );
    assert.match(
      invalid(statement({ Effect: "Allow", Resource: "*" })),
      /One of Action or NotAction is required/,
    );
    assert.match(
      invalid({ Version: "2012-10-18", Statement: [] }),
      /Version must be "2012-10-17" or "2008-10-17"; Statement: Statement must not be empty/,
    );
    assert.match(invalid({ Version: "2012-10-17" }), /Statement is required/);
    assert.match(
      invalid(statement({ Effect: "Allow", Action: [], Resource: "*" })),
      /Action: must not be empty/,
    );
    assert.match(
      invalid(statement({ Effect: "Allow", Action: "GetObject", Resource: "*" })),
      /"GetObject" is not \* or service:action/,
    );
    assert.match(
      invalid(statement({ Effect: "Allow", Action: "a:b", Resource: "*", Principal: "*" })),
      /Principal is not allowed in an identity policy statement/,
    );
    assert.match(
      invalid(statement({ Effect: "Allow", Action: "a:b", Resource: "*", Actions: "c:d" })),
      /Actions is not an element of an IAM policy/,
    );
    const withCondition = (Condition: unknown) =>
      statement({ Effect: "Allow", Action: "a:b", Resource: "*", Condition });
    assert.match(
      invalid(withCondition({ StringEqualz: { "aws:x": "y" } })),
      /StringEqualz is not a condition operator/,
    );
    assert.match(
      invalid(withCondition({ NullIfExists: {} })),
      /NullIfExists is not a condition operator/,
    );
    assert.match(
      invalid(withCondition({ StringEquals: { "aws:x": { nested: "y" } } })),
      /StringEquals\.aws:x: must be a string, number or boolean, or a list of them/,
    );
    assert.match(
      invalid(withCondition(["StringEquals"])),
      /must be an object of condition operators/,
    );
  });

  it("rejects trust policies without a principal or with a resource", () => {
    const trust = (fields: Record<string, unknown>) => ({
      Statement: { Effect: "Allow", Action: "sts:AssumeRole", ...fields },
    });
    assert.match(
      invalid(trust({}), "trust"),
      /One of Principal or NotPrincipal is required in a trust policy statement/,
    );
    assert.match(
      invalid(trust({ Principal: "*", Resource: "*" }), "trust"),
      /Resource is not allowed in a trust policy statement/,
    );
    assert.match(
      invalid(trust({ Principal: { Humans: "x" } }), "trust"),
      /Humans is not a principal type/,
    );
  });

  it("parses each text once", () => {
    const text = JSON.stringify({ Statement: { Effect: "Allow", Action: "a:b", Resource: "*" } });
    assert.strictEqual(parsePolicyDocument(text), parsePolicyDocument(text));
    const object = { Statement: { Effect: "Allow", Action: "a:b", Resource: "*" } };
    assert.strictEqual(parsePolicyDocument(object), parsePolicyDocument(object));
  });
});
