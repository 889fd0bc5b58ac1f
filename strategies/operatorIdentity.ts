import { field } from "../config/schema";

/**
 * What the operator role of a strategy asks of the person who assumes it (its trust policy,
 * components/iam.ts `operatorTrustPolicy`): the same two keys for every strategy that has
 * `operatorPrincipals`.
 */
export const OPERATOR_IDENTITY_FIELDS = {
  requireSourceIdentity: field.boolean(true, {
    doc: "the operator role can be assumed only with a source identity naming the person (an IAM user's name, an IAM Identity Center user's session name), which CloudTrail records on every call of the session; see Operator identity",
  }),
  requireMfa: field.contextualBoolean(({ productionLike }) => productionLike, {
    defaultText: "`productionLike`",
    doc: "IAM users (and roles or accounts) in `operatorPrincipals` must have signed in with MFA to assume the operator role; IAM Identity Center users are held to MFA by Identity Center at sign-in; see Operator identity",
  }),
};

/** The resolved identity requirements of one operator role. */
export interface OperatorIdentity {
  requireSourceIdentity: boolean;
  requireMfa: boolean;
}
