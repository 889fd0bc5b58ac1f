/** The kinds of operator principal a trust policy treats differently. */
export type OperatorPrincipalKind = "iamUser" | "identityCenterRole" | "other";

/**
 * IAM Identity Center keeps the roles of its permission sets under the path
 * `/aws-reserved/sso.amazonaws.com/`: its service-linked role may manage exactly
 * `arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*` (AWS managed policy
 * AWSSSOServiceRolePolicy, statement IAMRoleProvisioningActions).
 */
const IDENTITY_CENTER_ROLE = /^arn:[^:]+:iam::\d{12}:role\/aws-reserved\/sso\.amazonaws\.com\//;
const IAM_USER = /^arn:[^:]+:iam::\d{12}:user\//;

/** Which kind of principal an `operatorPrincipals` ARN is. */
export function operatorPrincipalKind(arn: string): OperatorPrincipalKind {
  if (IAM_USER.test(arn)) return "iamUser";
  if (IDENTITY_CENTER_ROLE.test(arn)) return "identityCenterRole";
  return "other";
}

/**
 * A warning for principals whose MFA the trust can only take from their own session: a role's
 * caller gets in with `requireMfa` only when that role session was itself obtained with an MFA
 * code, an account's only when its IAM user calls with one (components/iam.ts
 * operatorTrustStatements).
 */
export function operatorIdentityWarnings(
  strategy: string,
  section: { operatorPrincipals?: string[]; requireMfa?: boolean },
): string[] {
  const others = (section.operatorPrincipals ?? []).filter(
    (arn) => operatorPrincipalKind(arn) === "other",
  );
  if (section.requireMfa !== true || others.length === 0) return [];
  return [
    `fargate-access:${strategy}.operatorPrincipals: ${others.join(", ")} ${others.length === 1 ? "is a role or an account" : "are roles or accounts"}; with requireMfa (on in production-like stacks) their callers get in only when their own session carries MFA (a role session obtained with an MFA code, or an IAM user calling with one). List IAM users or IAM Identity Center permission-set roles (…:role/aws-reserved/sso.amazonaws.com/…) instead, or set ${strategy}.requireMfa: false; see the README, "Operator identity".`,
  ];
}
