import { ConditionEntry, NormalizedStatement, PrincipalEntry } from "../lib/iamDocument";

/**
 * Who a trust policy statement lets in, judged as IAM evaluates it:
 * - an AWS principal that is an account (`123456789012` or `arn:aws:iam::123456789012:root`)
 *   trusts every IAM user and role of that account that its own policies let call
 *   `sts:AssumeRole` ("IAM JSON policy elements: Principal", AWS account principals: "the trust
 *   is delegated to the account"), so only a condition on the caller's ARN narrows it;
 * - a principal in another account is a cross-account trust;
 * - a service principal acting for any account is a confused deputy unless the statement pins
 *   `aws:SourceAccount` or `aws:SourceArn` ("The confused deputy problem", IAM User Guide;
 *   Systems Manager's hybrid activation role docs add both conditions).
 */

/** `[partition, account]` of an AWS principal, or undefined for `*` and malformed values. */
export function principalAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  return /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(value)?.[2];
}

/** True for the account itself, not one user or role in it. */
export function isAccountPrincipal(value: string): boolean {
  return /^\d{12}$/.test(value) || /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(value);
}

const CONCRETE_OPERATOR = /^(StringEquals|StringLike|ArnEquals|ArnLike)$/i;

/** A value that names something: not empty and not only wildcards (`*`, `arn:*`, `arn:aws:*`). */
function namesSomething(value: string): boolean {
  return value !== "" && !/^(arn(:[a-z-]*)?:?)?[*?:]*$/.test(value);
}

/**
 * Whether a condition of the statement narrows `key` (case-insensitive) to named values. An
 * `…IfExists` or `ForAnyValue:`/`ForAllValues:` form does not: a request without the key passes
 * it (IAM User Guide, "IAM JSON policy elements: Condition operators").
 */
export function pins(conditions: ConditionEntry[], keys: RegExp): boolean {
  return conditions.some(
    (condition) =>
      keys.test(condition.key) &&
      CONCRETE_OPERATOR.test(condition.operator) &&
      condition.values.length > 0 &&
      condition.values.every(namesSomething),
  );
}

/** The statement's AWS principals. */
export function awsPrincipals(statement: NormalizedStatement): PrincipalEntry[] {
  return statement.principals.filter((principal) => principal.type === "AWS");
}
