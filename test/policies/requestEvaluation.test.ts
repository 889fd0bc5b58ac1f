import * as assert from "assert";
import {
  IamRequest,
  PolicyDocument,
  PolicyStatementJson,
  UnsupportedConditionError,
  evaluateIdentityPolicies,
  evaluateRoleTrust,
} from "../../policies/iam/requestEvaluation";

// Each case is a rule of the IAM User Guide (the page is named in the test), checked on one
// statement or two; the evaluator's header comment lists the same pages.

const policy = (...Statement: PolicyStatementJson[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement,
});

const request = (
  action: string,
  resource: string,
  context: IamRequest["context"] = {},
): IamRequest => ({ action, resource, context });

const decide = (statements: PolicyStatementJson[], req: IamRequest) =>
  evaluateIdentityPolicies([policy(...statements)], req).decision;

const allow = (extra: Partial<PolicyStatementJson>): PolicyStatementJson => ({
  Effect: "Allow",
  Action: "*",
  Resource: "*",
  ...extra,
});

const TABLE = "arn:aws:dynamodb:ap-northeast-1:111122223333:table/Books";

describe("IAM request evaluation (IAM User Guide)", () => {
  describe("Policy evaluation logic", () => {
    it("denies implicitly when nothing allows", () => {
      assert.strictEqual(decide([], request("s3:GetObject", "arn:aws:s3:::b/k")), "implicitDeny");
    });

    it("lets an explicit deny in any policy win over an allow in another", () => {
      const evaluation = evaluateIdentityPolicies(
        [
          policy(allow({ Sid: "All" })),
          policy({ Sid: "NoDelete", Effect: "Deny", Action: "s3:Delete*", Resource: "*" }),
        ],
        request("s3:DeleteObject", "arn:aws:s3:::b/k"),
      );
      assert.deepStrictEqual(evaluation, { decision: "explicitDeny", statements: ["NoDelete"] });
    });
  });

  describe("Action, NotAction", () => {
    it("matches actions case-insensitively with * and ?", () => {
      const statements = [allow({ Action: ["ECS:execute*", "ssm:Get?ocument"] })];
      assert.strictEqual(decide(statements, request("ecs:ExecuteCommand", "*")), "allowed");
      assert.strictEqual(decide(statements, request("ssm:GetDocument", "*")), "allowed");
      assert.strictEqual(decide(statements, request("ssm:GetDocuments", "*")), "implicitDeny");
      assert.strictEqual(decide(statements, request("ecs:ListTasks", "*")), "implicitDeny");
    });

    it("applies NotAction to every other action", () => {
      const statements = [allow({ Action: undefined, NotAction: "iam:*" })];
      assert.strictEqual(decide(statements, request("s3:ListBucket", "*")), "allowed");
      assert.strictEqual(decide(statements, request("iam:PassRole", "*")), "implicitDeny");
    });
  });

  describe("Resource, NotResource", () => {
    // IAM User Guide, "IAM JSON policy elements: Resource", "Using wildcards in resource ARNs":
    // a `*` that is the last character of a segment can match beyond the colon boundaries.
    it("a * ending a segment reaches across colons; a * or ? inside a segment does not", () => {
      const statements = [
        allow({ Resource: "arn:aws:logs:ap-northeast-1:111122223333:log-group:app*" }),
      ];
      const stream = "arn:aws:logs:ap-northeast-1:111122223333:log-group:app:log-stream:x";
      assert.strictEqual(decide(statements, request("logs:GetLogEvents", stream)), "allowed");
      const otherAccount = [allow({ Resource: "arn:aws:logs:*:1111*:log-group:app" })];
      assert.strictEqual(
        decide(
          otherAccount,
          request("logs:GetLogEvents", "arn:aws:logs:ap-northeast-1:111122223333:log-group:app"),
        ),
        "allowed",
      );
      const group = "arn:aws:logs:ap-northeast-1:111122223333:log-group:app";
      const regionGlob = [allow({ Resource: "arn:aws:logs:ap-*:log-group:app" })];
      assert.strictEqual(
        decide(regionGlob, request("logs:GetLogEvents", group)),
        "allowed",
        "ap-* ends the region segment, so it also takes the account segment",
      );
      const insideSegment = [allow({ Resource: "arn:aws:logs:ap-*1:log-group:app" })];
      assert.strictEqual(
        decide(insideSegment, request("logs:GetLogEvents", group)),
        "implicitDeny",
        "the * of ap-*1 is inside the region segment: the account segment is then log-group",
      );
      const oneCharacter = [allow({ Resource: "arn:aws:logs:ap-northeast-?:log-group:app" })];
      assert.strictEqual(decide(oneCharacter, request("logs:GetLogEvents", group)), "implicitDeny");
    });

    it("matches the resource part case-sensitively", () => {
      const statements = [allow({ Resource: TABLE })];
      assert.strictEqual(decide(statements, request("dynamodb:GetItem", TABLE)), "allowed");
      assert.strictEqual(
        decide(statements, request("dynamodb:GetItem", TABLE.replace("Books", "books"))),
        "implicitDeny",
      );
    });

    it("applies NotResource to every other resource", () => {
      const statements = [allow({ Resource: undefined, NotResource: TABLE })];
      assert.strictEqual(decide(statements, request("dynamodb:GetItem", TABLE)), "implicitDeny");
      assert.strictEqual(decide(statements, request("dynamodb:GetItem", `${TABLE}2`)), "allowed");
    });
  });

  describe("Condition operators", () => {
    const when = (Condition: PolicyStatementJson["Condition"]) => [allow({ Condition })];

    it("StringEquals is case-sensitive; StringLike takes * and ?", () => {
      const equals = when({ StringEquals: { "ecs:container-name": "app" } });
      assert.strictEqual(
        decide(equals, request("a:b", "*", { "ecs:container-name": "app" })),
        "allowed",
      );
      assert.strictEqual(
        decide(equals, request("a:b", "*", { "ecs:container-name": "App" })),
        "implicitDeny",
      );
      const like = when({ StringLike: { "aws:userid": "AROA*:?lice" } });
      assert.strictEqual(
        decide(like, request("a:b", "*", { "aws:userid": "AROAX:alice" })),
        "allowed",
      );
    });

    it("a missing key fails a condition, except negated operators and …IfExists", () => {
      assert.strictEqual(
        decide(when({ StringEquals: { "aws:username": "alice" } }), request("a:b", "*")),
        "implicitDeny",
      );
      assert.strictEqual(
        decide(when({ StringNotEquals: { "aws:username": "alice" } }), request("a:b", "*")),
        "allowed",
      );
      assert.strictEqual(
        decide(
          when({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }),
          request("a:b", "*"),
        ),
        "allowed",
      );
      assert.strictEqual(
        decide(
          when({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }),
          request("a:b", "*", { "aws:MultiFactorAuthPresent": false }),
        ),
        "implicitDeny",
      );
    });

    it("Bool and Null", () => {
      const mfa = when({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
      assert.strictEqual(decide(mfa, request("a:b", "*")), "implicitDeny");
      assert.strictEqual(
        decide(mfa, request("a:b", "*", { "aws:MultiFactorAuthPresent": true })),
        "allowed",
      );
      const present = when({ Null: { "sts:SourceIdentity": "false" } });
      assert.strictEqual(decide(present, request("a:b", "*")), "implicitDeny");
      assert.strictEqual(
        decide(present, request("a:b", "*", { "sts:SourceIdentity": "alice" })),
        "allowed",
      );
    });

    it("ArnLike and ArnEquals match segment by segment", () => {
      const cluster = "arn:aws:ecs:ap-northeast-1:111122223333:cluster/app";
      const statements = when({ ArnEquals: { "ecs:cluster": "arn:aws:ecs:*:111122223333:*" } });
      assert.strictEqual(
        decide(statements, request("a:b", "*", { "ecs:cluster": cluster })),
        "allowed",
      );
      assert.strictEqual(
        decide(statements, request("a:b", "*", { "ecs:cluster": cluster.replace("1111", "9999") })),
        "implicitDeny",
      );
    });

    it("Numeric and Date operators", () => {
      assert.strictEqual(
        decide(
          when({ NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } }),
          request("a:b", "*", { "aws:MultiFactorAuthAge": "120" }),
        ),
        "allowed",
      );
      assert.strictEqual(
        decide(
          when({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } }),
          request("a:b", "*", { "aws:CurrentTime": "2025-12-31T23:59:59Z" }),
        ),
        "implicitDeny",
      );
    });

    it("values of one key are ORed, keys and operators ANDed; negated values ANDed", () => {
      const statements = when({
        StringEquals: { "aws:username": ["alice", "bob"], "aws:PrincipalAccount": "111122223333" },
      });
      const ctx = { "aws:username": "bob", "aws:PrincipalAccount": "111122223333" };
      assert.strictEqual(decide(statements, request("a:b", "*", ctx)), "allowed");
      assert.strictEqual(
        decide(statements, request("a:b", "*", { ...ctx, "aws:PrincipalAccount": "999" })),
        "implicitDeny",
      );
      const notEither = when({ StringNotEquals: { "aws:username": ["alice", "bob"] } });
      assert.strictEqual(
        decide(notEither, request("a:b", "*", { "aws:username": "bob" })),
        "implicitDeny",
      );
      assert.strictEqual(
        decide(notEither, request("a:b", "*", { "aws:username": "carol" })),
        "allowed",
      );
    });

    it("ForAllValues and ForAnyValue compare a multivalued key's set", () => {
      const all = when({ "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } });
      assert.strictEqual(decide(all, request("a:b", "*", { "aws:TagKeys": ["a"] })), "allowed");
      assert.strictEqual(
        decide(all, request("a:b", "*", { "aws:TagKeys": ["a", "c"] })),
        "implicitDeny",
      );
      assert.strictEqual(decide(all, request("a:b", "*")), "allowed", "no keys: vacuously true");
      const any = when({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["a", "b"] } });
      assert.strictEqual(
        decide(any, request("a:b", "*", { "aws:TagKeys": ["c", "b"] })),
        "allowed",
      );
      assert.strictEqual(decide(any, request("a:b", "*")), "implicitDeny");
    });

    it("refuses an operator it does not know rather than guess", () => {
      assert.throws(
        () => decide(when({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), request("a:b", "*")),
        UnsupportedConditionError,
      );
    });
  });

  describe("Policy variables", () => {
    it("substitutes a key's value in a Resource; a missing key matches nothing", () => {
      const statements = [allow({ Resource: "arn:aws:iam::111122223333:user/${aws:username}" })];
      const self = "arn:aws:iam::111122223333:user/alice";
      assert.strictEqual(
        decide(statements, request("iam:GetUser", self, { "aws:username": "alice" })),
        "allowed",
      );
      assert.strictEqual(
        decide(statements, request("iam:GetUser", self, { "aws:username": "bob" })),
        "implicitDeny",
      );
      assert.strictEqual(decide(statements, request("iam:GetUser", self)), "implicitDeny");
    });

    it("compares a key with another key's value, and a substituted * is literal", () => {
      const statements = [
        allow({ Condition: { StringLike: { "aws:userid": "*:${sts:SourceIdentity}" } } }),
      ];
      const ctx = (sourceIdentity: string) => ({
        "aws:userid": "AROAEXAMPLE:alice@example.com",
        "sts:SourceIdentity": sourceIdentity,
      });
      assert.strictEqual(
        decide(statements, request("sts:AssumeRole", "*", ctx("alice@example.com"))),
        "allowed",
      );
      assert.strictEqual(
        decide(statements, request("sts:AssumeRole", "*", ctx("bob@example.com"))),
        "implicitDeny",
      );
      assert.strictEqual(
        decide(statements, request("sts:AssumeRole", "*", ctx("*"))),
        "implicitDeny",
        "a value of * is the character, not a wildcard",
      );
    });
  });

  describe("Role trust", () => {
    const ROLE = "arn:aws:iam::111122223333:role/operator";
    const ALICE = "arn:aws:iam::111122223333:user/alice";
    const assume = request("sts:AssumeRole", ROLE);

    it("a trust that names the caller is enough; one that names the account needs their own allow", () => {
      const named = policy({
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { AWS: ALICE },
      });
      assert.strictEqual(
        evaluateRoleTrust(named, { principalArn: ALICE }, assume).decision,
        "allowed",
      );
      const account = policy({
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
      });
      assert.strictEqual(
        evaluateRoleTrust(account, { principalArn: ALICE }, assume).decision,
        "implicitDeny",
      );
      const own = policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE });
      assert.strictEqual(
        evaluateRoleTrust(account, { principalArn: ALICE, identityPolicies: [own] }, assume)
          .decision,
        "allowed",
      );
    });

    it("refuses a caller the trust does not name", () => {
      const named = policy({
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { AWS: ALICE },
      });
      assert.strictEqual(
        evaluateRoleTrust(named, { principalArn: "arn:aws:iam::111122223333:user/bob" }, assume)
          .decision,
        "implicitDeny",
      );
    });
  });
});
