import {
  actionInfo,
  ActionInfo,
  conditionKeyMatches,
  expandActionPattern,
  serviceActionCount,
} from "./iamReference";
import { NormalizedStatement, statementName } from "./iamDocument";
import { isUnscopedResource } from "./resourceScope";
import { scopingCondition } from "./scopingConditions";
import { onlyUnnameableResourceActions } from "../iam/unnameableResources";

/** Names at most `limit` items, then says how many more. */
export function listSome(items: string[], limit = 4): string {
  const shown = items.slice(0, limit).join(", ");
  return items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
}

/** An action a statement grants on resources it does not name, with no condition scoping it. */
export interface UnscopedGrant {
  action: ActionInfo;
  /** The statement's resources that reach every resource of a type (`*`, `role/*`, …). */
  resources: string[];
}

/** Every action the statement grants everywhere: resource-level ones on wildcard resources too. */
export async function unscopedGrants(statement: NormalizedStatement): Promise<UnscopedGrant[]> {
  if (statement.effect !== "Allow" || statement.notActions || statement.notResources) {
    return [];
  }
  const expanded = await Promise.all(statement.actions.map(expandActionPattern));
  const actions = await Promise.all([...new Set(expanded.flat())].map(actionInfo));
  const grants: UnscopedGrant[] = [];
  for (const action of actions) {
    if (!action) {
      continue;
    }
    const resources = statement.resources.filter((resource) =>
      action.resourceLevel ? isUnscopedResource(resource, action.arnTemplates) : resource === "*",
    );
    if (
      resources.length > 0 &&
      !(await scopingCondition(statement.conditions, action.conditionKeys))
    ) {
      grants.push({ action, resources });
    }
  }
  return grants;
}

/** The service whose every action a pattern grants (`ssm:*`, `ssm:*?`), if any. */
async function wholeService(pattern: string): Promise<string | undefined> {
  const service = pattern.split(":")[0]?.toLowerCase() ?? "";
  if (!/[*?]/.test(pattern) || !service) {
    return undefined;
  }
  const granted = await expandActionPattern(pattern);
  const total = await serviceActionCount(service);
  return total > 0 && granted.length === total ? service : undefined;
}

/**
 * Why an Allow statement is broader than least privilege; empty when it is not. Actions are
 * expanded against the IAM reference, so `ssm:Get*` is judged as the actions it grants. Unknown
 * actions and `iam:PassRole` are left to their own rules.
 */
export function breadthProblems(statement: NormalizedStatement): Promise<string[]> {
  let found = judged.get(statement);
  if (!found) {
    found = judgeBreadth(statement);
    judged.set(statement, found);
  }
  return found;
}

// Parsed statements are shared by every resource with the same document, so one verdict each.
const judged = new WeakMap<NormalizedStatement, Promise<string[]>>();

async function judgeBreadth(statement: NormalizedStatement): Promise<string[]> {
  if (statement.effect !== "Allow") {
    return [];
  }
  const name = `Statement ${statementName(statement)}`;
  if (statement.notActions) {
    return [
      `${name}: Allow with NotAction grants every action except ${listSome(statement.actions)}.`,
    ];
  }
  if (statement.notResources) {
    return [
      `${name}: Allow with NotResource grants every resource except ${listSome(statement.resources)}.`,
    ];
  }
  const problems: string[] = [];
  for (const pattern of statement.actions) {
    if (pattern === "*") {
      problems.push(`${name}: action * allows every action of every service.`);
      continue;
    }
    const service = await wholeService(pattern);
    if (service) {
      problems.push(`${name}: action ${pattern} allows every action of ${service}.`);
    }
  }
  const flaggedServices = new Set(
    (await Promise.all(statement.actions.map(wholeService))).filter(Boolean),
  );
  const everywhere = (await unscopedGrants(statement)).filter(({ action }) => action.resourceLevel);
  // Resources no policy can name (ECS task ids, …): exempt only when they are all the statement
  // grants on wildcard resources (policies/iam/unnameableResources.ts).
  if (onlyUnnameableResourceActions(everywhere.map(({ action }) => action.name))) {
    return problems;
  }
  const grants = everywhere.filter(
    ({ action }) =>
      action.resourceLevel &&
      action.name.toLowerCase() !== "iam:passrole" &&
      !flaggedServices.has(action.name.split(":")[0]),
  );
  if (statement.actions.includes("*") || grants.length === 0) {
    return problems;
  }
  const resources = [...new Set(grants.flatMap((grant) => grant.resources))];
  const unscoping = statement.conditions
    .filter((condition) =>
      grants.some(({ action }) =>
        action.conditionKeys.some((key) => conditionKeyMatches(key, condition.key)),
      ),
    )
    .map((condition) => condition.key);
  problems.push(
    `${name}: grants ${listSome(grants.map(({ action }) => action.name))}, which take resource ARNs, ` +
      `on ${listSome(resources)}` +
      (unscoping.length > 0
        ? `; its condition ${listSome([...new Set(unscoping)])} does not narrow the resources.`
        : " with no condition that scopes them."),
  );
  return problems;
}
