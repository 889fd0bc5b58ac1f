import * as assert from "assert";
import { readFileSync } from "fs";
import { MANAGED_POLICY_SNAPSHOT } from "../../../policies/lib/managedPolicies";
import { TYPES } from "../../../policies/lib/resourceTypes";
import { UNKNOWN } from "../../../policies/lib/unknowns";
import { parseJson } from "../../../policies/model/goJson";
import {
  grantingPolicyArnsOf,
  identityDocumentsOf,
  mayCarryTrust,
  SSO_TYPES,
  TEMPLATE_STACK,
  trustDocumentsOf,
} from "../../../policies/model/grants";
import { plainJson } from "../../../policies/model/plainJson";
import { iamLeastPrivilege } from "../../../policies/rules/iamLeastPrivilege";
import { iamNoBroadManagedPolicies } from "../../../policies/rules/iamNoBroadManagedPolicies";
import { iamNoPrivilegeEscalation } from "../../../policies/rules/iamNoPrivilegeEscalation";
import { violationsOf } from "../runPolicy";

const DOC_A = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*" }],
};
const DOC_B = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
};
const TRUST = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
};
const MANAGED = "arn:aws:iam::aws:policy/";
const templateOf = (Resources: Record<string, unknown>) => ({
  templateBody: JSON.stringify({ Resources }),
});

describe("policies/model/grants: every provider shape, normalised", () => {
  it("reads the aws provider's documents as before (lib/policyDocuments.ts)", () => {
    assert.deepStrictEqual(identityDocumentsOf(TYPES.rolePolicy, { role: "r", policy: "{}" }), [
      { document: "{}", where: "" },
    ]);
    assert.deepStrictEqual(trustDocumentsOf(TYPES.role, { assumeRolePolicy: "t" }), [
      { document: "t", where: "" },
    ]);
    assert.deepStrictEqual(grantingPolicyArnsOf(TYPES.role, { managedPolicyArns: ["m"] }), ["m"]);
  });

  it("reads an aws-native Role: inline policies by name, managed ARNs, trust as an object; not its boundary", () => {
    const props = {
      assumeRolePolicyDocument: TRUST,
      policies: [
        { policyName: "a", policyDocument: DOC_A },
        { policyName: "b", policyDocument: DOC_B },
      ],
      managedPolicyArns: [`${MANAGED}ReadOnlyAccess`],
      permissionsBoundary: `${MANAGED}AdministratorAccess`,
    };
    assert.deepStrictEqual(identityDocumentsOf("aws-native:iam:Role", props), [
      { document: DOC_A, where: "inline policy a" },
      { document: DOC_B, where: "inline policy b" },
    ]);
    assert.deepStrictEqual(trustDocumentsOf("aws-native:iam:Role", props), [
      { document: TRUST, where: "" },
    ]);
    assert.deepStrictEqual(grantingPolicyArnsOf("aws-native:iam:Role", props), [
      `${MANAGED}ReadOnlyAccess`,
    ]);
  });

  it("reads aws-native RolePolicy, ManagedPolicy, User and Group", () => {
    const one = { policyDocument: DOC_A, roles: ["r"] };
    for (const type of ["aws-native:iam:RolePolicy", "aws-native:iam:ManagedPolicy"]) {
      assert.deepStrictEqual(
        identityDocumentsOf(type, one),
        [{ document: DOC_A, where: "" }],
        type,
      );
      assert.deepStrictEqual(trustDocumentsOf(type, one), [], type);
    }
    for (const type of ["aws-native:iam:User", "aws-native:iam:Group"]) {
      const props = {
        policies: [{ policyName: "p", policyDocument: DOC_B }],
        managedPolicyArns: ["m"],
      };
      assert.deepStrictEqual(identityDocumentsOf(type, props), [
        { document: DOC_B, where: "inline policy p" },
      ]);
      assert.deepStrictEqual(grantingPolicyArnsOf(type, props), ["m"]);
    }
  });

  it("reads IAM Identity Center permission sets (aws and aws-native); a boundary attachment grants nothing", () => {
    const text = JSON.stringify(DOC_A);
    assert.deepStrictEqual(identityDocumentsOf(SSO_TYPES.inlinePolicy, { inlinePolicy: text }), [
      { document: text, where: "" },
    ]);
    assert.deepStrictEqual(
      grantingPolicyArnsOf(SSO_TYPES.managedPolicyAttachment, { managedPolicyArn: "m" }),
      ["m"],
    );
    const native = {
      inlinePolicy: DOC_A,
      managedPolicies: ["m1", "m2"],
      permissionsBoundary: { managedPolicyArn: `${MANAGED}AdministratorAccess` },
    };
    assert.deepStrictEqual(identityDocumentsOf("aws-native:sso:PermissionSet", native), [
      { document: DOC_A, where: "" },
    ]);
    assert.deepStrictEqual(grantingPolicyArnsOf("aws-native:sso:PermissionSet", native), [
      "m1",
      "m2",
    ]);
    const boundary = "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment";
    assert.deepStrictEqual(
      grantingPolicyArnsOf(boundary, {
        permissionsBoundary: { managedPolicyArn: `${MANAGED}AdministratorAccess` },
      }),
      [],
    );
  });

  it("reads the IAM resources of a CloudFormation template, named by logical id", () => {
    const props = templateOf({
      Role: {
        Type: "AWS::IAM::Role",
        Properties: {
          AssumeRolePolicyDocument: TRUST,
          Policies: [{ PolicyName: "inline", PolicyDocument: DOC_A }],
          ManagedPolicyArns: ["m"],
          PermissionsBoundary: "b",
        },
      },
      Extra: {
        Type: "AWS::IAM::Policy",
        Properties: { PolicyDocument: DOC_B, Roles: [{ Ref: "Role" }] },
      },
      Bucket: { Type: "AWS::S3::Bucket", Properties: { PolicyDocument: DOC_B } },
    });
    assert.deepStrictEqual(identityDocumentsOf(TEMPLATE_STACK, props), [
      { document: DOC_A, where: "template resource Role inline policy inline" },
      { document: DOC_B, where: "template resource Extra" },
    ]);
    assert.deepStrictEqual(trustDocumentsOf(TEMPLATE_STACK, props), [
      { document: TRUST, where: "template resource Role" },
    ]);
    assert.deepStrictEqual(grantingPolicyArnsOf(TEMPLATE_STACK, props), ["m"]);
  });

  it("reads nothing from a YAML template or from types that carry no grants", () => {
    const yaml = { templateBody: "Resources:\n  R:\n    Type: AWS::IAM::Role\n" };
    assert.deepStrictEqual(identityDocumentsOf(TEMPLATE_STACK, yaml), []);
    assert.deepStrictEqual(identityDocumentsOf("aws:s3/bucket:Bucket", { policy: "{}" }), []);
    assert.deepStrictEqual(
      identityDocumentsOf("aws-native:s3:Bucket", { policyDocument: DOC_A }),
      [],
    );
    assert.deepStrictEqual(
      [
        TYPES.role,
        "aws-native:iam:Role",
        TEMPLATE_STACK,
        "aws-native:iam:User",
        TYPES.rolePolicy,
      ].map(mayCarryTrust),
      [true, true, true, false, false],
    );
  });
});

describe("policies/model/plainJson: only literal documents are judged", () => {
  it("keeps a literal document, the last of a repeated key winning (as JSON.parse)", () => {
    assert.deepStrictEqual(
      plainJson(parseJson('{"Effect":"Deny","Effect":"Allow","A":[1,null]}')),
      {
        Effect: "Allow",
        A: [1, null],
      },
    );
  });

  it("gives nothing for a document with an intrinsic function or a value not known yet", () => {
    assert.strictEqual(
      plainJson(parseJson('{"Resource":{"Fn::Sub":"arn:${AWS::Partition}:s3:::b"}}')),
      undefined,
    );
    assert.strictEqual(plainJson(parseJson('{"Resource":[{"Ref":"Bucket"}]}')), undefined);
    assert.strictEqual(plainJson(parseJson(JSON.stringify({ Resource: UNKNOWN }))), undefined);
    // An object with other keys beside `Ref` is no intrinsic function.
    assert.deepStrictEqual(plainJson(parseJson('{"Ref":"x","Other":1}')), { Ref: "x", Other: 1 });
  });
});

describe("AWS managed policies: attached and pasted inline get one verdict", () => {
  // Every 25th policy of the snapshot (about 64 of ~1,600), a fixed sample that covers admin,
  // full-access, read-only, service-role and scoped policies alike.
  const { policies } = JSON.parse(readFileSync(MANAGED_POLICY_SNAPSHOT, "utf8")) as {
    policies: Record<string, unknown>;
  };
  const sample = Object.keys(policies).filter((_, index) => index % 25 === 0);

  it(`accepts attached exactly the sampled policies it accepts inline (${sample.length} policies)`, async function () {
    this.timeout(60_000);
    const disagreements: string[] = [];
    let accepted = 0;
    for (const arn of sample) {
      const attached = await violationsOf(iamNoBroadManagedPolicies, "aws-native:iam:Role", {
        managedPolicyArns: [arn],
      });
      const inlineProps = { policyDocument: policies[arn] };
      const inline = [
        ...(await violationsOf(iamLeastPrivilege, "aws-native:iam:ManagedPolicy", inlineProps)),
        ...(await violationsOf(
          iamNoPrivilegeEscalation,
          "aws-native:iam:ManagedPolicy",
          inlineProps,
        )),
      ];
      if (attached.length === 0) accepted += 1;
      if ((attached.length === 0) !== (inline.length === 0)) {
        disagreements.push(`${arn}: attached ${attached.length}, inline ${inline.length}`);
      }
    }
    assert.deepStrictEqual(disagreements, []);
    assert.ok(accepted > 0 && accepted < sample.length, `accepted ${accepted} of ${sample.length}`);
  });
});
