import { conditionKeyMatches, serviceArnTemplates } from "./iamReference";
import { ConditionEntry } from "./iamDocument";
import { isUnscopedResource } from "./resourceScope";

/**
 * The condition keys that can stand in for a resource ARN: with one of them, an action that
 * takes resource ARNs may be granted on `*` and still reach only named resources. A key scopes a
 * grant only when the action supports it (IAM ignores the others), its operator requires a match
 * (no `Not…`, `…IfExists`, `Null` or `ForAllValues:` — those pass requests that lack the key or
 * carry another value: IAM User Guide, "IAM JSON policy elements: Condition operators"), and its
 * value is concrete (not `*`, and for ARNs not
 * `arn:aws:ecs:*:*:cluster/*`).
 *
 * - `aws:ResourceTag/<key>`, `<service>:ResourceTag/<key>`: tag-based access (ABAC).
 * - `ecs:cluster`, `ecs:service`, `ecs:task`, `ecs:task-definition`: the ECS resource or the
 *   cluster it lives in.
 * - `secretsmanager:SecretId`, `kms:RequestAlias`, `kms:ResourceAliases`, `lambda:FunctionArn`,
 *   `ec2:Vpc`, `iam:PolicyARN`, `dynamodb:LeadingKeys`: name the secret, key, function, network
 *   or policy the request acts on.
 *
 * Not scoping (they constrain who calls or how, not which resource): `kms:CallerAccount`,
 * `kms:ViaService`, `s3:TlsVersion`, `aws:SecureTransport`, `aws:SourceAccount`,
 * `aws:ResourceAccount`, `aws:RequestedRegion`, `aws:RequestTag/…`, `aws:TagKeys`,
 * `ecs:container-name` (any task may name a container `app`), `iam:PassedToService`
 * (judged by `iam-passrole-scoped`).
 */
const SCOPING_KEYS = [
  /^aws:resourcetag\/.+$/,
  /^[a-z0-9-]+:resourcetag\/.+$/,
  /^ecs:(cluster|service|task|task-definition)$/,
  /^secretsmanager:secretid$/,
  /^kms:(requestalias|resourcealiases)$/,
  /^lambda:functionarn$/,
  /^ec2:vpc$/,
  /^iam:policyarn$/,
  /^dynamodb:leadingkeys$/,
];

const MATCHING_OPERATOR =
  /^(foranyvalue:)?(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike)$/i;
const WILDCARDS_ONLY = /^[*?]*$/;

/** True when a condition value picks out resources: concrete, and for ARNs, named ones. */
async function valueNarrows(value: string): Promise<boolean> {
  if (WILDCARDS_ONLY.test(value)) {
    return false;
  }
  if (!value.startsWith("arn:")) {
    return true;
  }
  const service = value.split(":")[2] ?? "";
  return !isUnscopedResource(value, await serviceArnTemplates(service));
}

/**
 * The first condition of a statement that scopes an action supporting `supportedKeys`, or
 * `undefined` when none does.
 */
export async function scopingCondition(
  conditions: ConditionEntry[],
  supportedKeys: string[],
): Promise<ConditionEntry | undefined> {
  for (const condition of conditions) {
    const key = condition.key.toLowerCase();
    if (
      !MATCHING_OPERATOR.test(condition.operator) ||
      !SCOPING_KEYS.some((pattern) => pattern.test(key)) ||
      !supportedKeys.some((template) => conditionKeyMatches(template, condition.key)) ||
      condition.values.length === 0
    ) {
      continue;
    }
    const narrows = await Promise.all(condition.values.map(valueNarrows));
    if (narrows.every(Boolean)) {
      return condition;
    }
  }
  return undefined;
}

/** True when a value list (of a condition the caller picked) accepts anything. */
export function acceptsAnything(values: string[]): boolean {
  return values.length === 0 || values.some((value) => WILDCARDS_ONLY.test(value));
}
