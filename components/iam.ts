import * as pulumi from "@pulumi/pulumi";
import { OperatorPrincipalKind, operatorPrincipalKind } from "../lib/operatorPrincipals";

/** One IAM policy statement, typed so tests and the policy pack see the same structure. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: pulumi.Input<string>[];
  Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

/** A trust-policy statement: who may assume a role. */
export interface TrustStatement {
  Sid?: string;
  Effect: "Allow";
  Action: string[];
  Principal: { Service: string } | { AWS: string[] };
  Condition?: Record<string, Record<string, pulumi.Input<string>>>;
}

type Condition = PolicyStatement["Condition"];

/** `*` is only allowed for actions that IAM cannot scope to a resource; callers say so. */
export const ALL_RESOURCES = "*";

/** A statement that allows `actions` on `resources` (under `condition`, when given). */
export const allow = statementOf("Allow");
/** A statement that denies `actions` on `resources` (under `condition`, when given). */
export const deny = statementOf("Deny");

function statementOf(effect: PolicyStatement["Effect"]) {
  return (
    sid: string,
    actions: string[],
    resources: pulumi.Input<string>[],
    condition?: Condition,
  ): PolicyStatement => statement(effect, sid, actions, resources, condition);
}

function statement(
  effect: PolicyStatement["Effect"],
  sid: string,
  actions: string[],
  resources: pulumi.Input<string>[],
  condition: Condition,
): PolicyStatement {
  return {
    Sid: sid,
    Effect: effect,
    Action: actions,
    Resource: resources,
    ...withCondition(condition),
  };
}

function withCondition(condition: Condition): Pick<PolicyStatement, "Condition"> {
  return condition ? { Condition: condition } : {};
}

/** Serialises statements into a policy document once every input is known. */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** A role trust policy for an AWS service, pinned to this account (confused-deputy guard). */
export function serviceTrustPolicy(
  service: string,
  accountId: pulumi.Input<string>,
  sourceArnLike?: pulumi.Input<string>,
): pulumi.Output<string> {
  const condition: Record<string, Record<string, pulumi.Input<string>>> = {
    StringEquals: { "aws:SourceAccount": accountId },
  };
  if (sourceArnLike !== undefined) {
    condition.ArnLike = { "aws:SourceArn": sourceArnLike };
  }
  const statement: TrustStatement = {
    Effect: "Allow",
    Action: ["sts:AssumeRole"],
    Principal: { Service: service },
    Condition: condition,
  };
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: [statement] });
}

/** What an operator role's trust asks of the person assuming it (strategies/operatorIdentity.ts). */
export interface OperatorTrustRequirements {
  /** `sts:AssumeRole` only with a source identity that names the caller. */
  requireSourceIdentity: boolean;
  /** `sts:AssumeRole` only with MFA, where IAM can tell (IAM users, roles, accounts). */
  requireMfa: boolean;
}

/**
 * The trust statements of an operator role: one per kind of principal, because IAM tells who the
 * caller is, and whether they used MFA, differently for each (IAM User Guide, "Monitor and control
 * actions taken with assumed roles"; "AWS global condition context keys"):
 *
 * - `sts:SetSourceIdentity` is always allowed: setting a source identity needs it in the trust
 *   policy, and a caller whose session already carries one (role chaining: "the value that is
 *   set persists") cannot assume a role whose trust lacks it.
 * - Source identity: `sts:SourceIdentity` is in the AssumeRole request context when the caller
 *   sets one (or when it persists from the caller's session). An IAM user must set it to their
 *   own name: `${aws:username}` (the guide's own example compares `sts:SourceIdentity` with
 *   `${aws:username}`). An IAM Identity Center user's role session is named after the user, so
 *   `aws:userid` is `ROLEID:<user name>` (IAM User Guide, "Policy variables", principal key
 *   values: `role-id:caller-specified-role-name`); `aws:username` is absent for them ("Requests
 *   made using IAM Identity Center credentials do not include this key"). Any single-valued key
 *   may be a policy variable, so `aws:userid` must end in `:${sts:SourceIdentity}`. Other roles
 *   and accounts: a source identity must be set (`Null` false); IAM has no key tying it to them.
 * - MFA: `aws:MultiFactorAuthPresent` is `true` in an AssumeRole request that carried a valid
 *   `SerialNumber`/`TokenCode` ("Configuring MFA-protected API access": trust policy with `Bool`
 *   `aws:MultiFactorAuthPresent` `true`), and absent for long-term keys, so `Bool` (not
 *   `BoolIfExists`) refuses an IAM user without MFA. IAM Identity Center role sessions come from
 *   SAML federation, where "AWS cannot determine whether that provider required MFA" (same
 *   page), so the key cannot prove it: their statement has no MFA condition, and Identity
 *   Center's own MFA setting (required at every sign-in) is what holds them to it.
 */
export function operatorTrustStatements(
  principals: readonly string[],
  requirements: OperatorTrustRequirements,
): TrustStatement[] {
  const ofKind = (kind: OperatorPrincipalKind) =>
    principals.filter((arn) => operatorPrincipalKind(arn) === kind);
  const mfa = requirements.requireMfa
    ? { Bool: { "aws:MultiFactorAuthPresent": "true" } }
    : undefined;
  const sourceIdentitySet = { Null: { "sts:SourceIdentity": "false" } };
  const statements: TrustStatement[] = [];
  const add = (sid: string, members: string[], condition: TrustStatement["Condition"]) => {
    if (members.length === 0) return;
    const hasCondition = condition !== undefined && Object.keys(condition).length > 0;
    statements.push({
      Sid: sid,
      Effect: "Allow",
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
      Principal: { AWS: members },
      ...(hasCondition ? { Condition: condition } : {}),
    });
  };
  const identity = requirements.requireSourceIdentity;
  add("IamUsersAsThemselves", ofKind("iamUser"), {
    ...(identity ? { StringEquals: { "sts:SourceIdentity": "${aws:username}" } } : {}),
    ...mfa,
  });
  add(
    "IdentityCenterUsersAsThemselves",
    ofKind("identityCenterRole"),
    identity
      ? { ...sourceIdentitySet, StringLike: { "aws:userid": "*:${sts:SourceIdentity}" } }
      : undefined,
  );
  add("OtherPrincipals", ofKind("other"), {
    ...(identity ? sourceIdentitySet : {}),
    ...mfa,
  });
  return statements;
}

/** A role trust policy for the given IAM principals (operators), with their requirements. */
export function operatorTrustPolicy(
  principals: string[],
  requirements: OperatorTrustRequirements,
): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: operatorTrustStatements(principals, requirements),
  });
}
