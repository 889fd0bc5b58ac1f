import { ResourceValidationPolicy } from "@pulumi/policy";
import { actionMatches } from "../lib/iamReference";
import { NormalizedStatement, statementName } from "../lib/iamDocument";
import { isUnscopedResource } from "../lib/resourceScope";
import { acceptsAnything } from "../lib/scopingConditions";
import { identityStatementsOf } from "../model/grants";

const ROLE_TEMPLATE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
const MATCHING = /^(foranyvalue:)?(stringequals|stringequalsignorecase|stringlike)$/i;

/** The services an Allow statement may pass roles to; `undefined` when any service. */
export function passedToServices(statement: NormalizedStatement): string[] | undefined {
  const values = statement.conditions
    .filter(
      (condition) =>
        condition.key.toLowerCase() === "iam:passedtoservice" && MATCHING.test(condition.operator),
    )
    .flatMap((condition) => condition.values);
  return values.length === 0 || acceptsAnything(values) || values.some((v) => v.includes("*"))
    ? undefined
    : values;
}

/** Why a statement that can pass roles is too broad; empty when it is not or cannot pass. */
export function passRoleProblems(statement: NormalizedStatement): string[] {
  const passes =
    statement.effect === "Allow" &&
    !statement.notActions &&
    statement.actions.some((pattern) => pattern !== "*" && actionMatches("iam:PassRole", pattern));
  if (!passes) {
    return [];
  }
  const name = `Statement ${statementName(statement)}`;
  const problems: string[] = [];
  const unscoped = statement.resources.filter((resource) =>
    isUnscopedResource(resource, [ROLE_TEMPLATE]),
  );
  if (unscoped.length > 0) {
    problems.push(
      `${name}: iam:PassRole on ${unscoped.join(", ")} lets the holder hand any role to a service; name the roles.`,
    );
  }
  if (!passedToServices(statement)) {
    problems.push(
      `${name}: iam:PassRole without an iam:PassedToService condition naming the service ` +
        "(StringEquals, no wildcard) lets the role go to any service.",
    );
  }
  return problems;
}

/**
 * `iam:PassRole` (named, or through a pattern such as `iam:Pass*`) only on named roles and only to
 * named services, so a holder cannot give a role to a service that runs code as it.
 */
export const iamPassRoleScoped: ResourceValidationPolicy = {
  name: "iam-passrole-scoped",
  description:
    "iam:PassRole must name the roles (no role/*) and carry iam:PassedToService naming the " +
    "service. (cdk-nag IAM5)",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    for (const { statement, place } of identityStatementsOf(args.type, args.props).statements) {
      passRoleProblems(statement).forEach((problem) => reportViolation(`${place}${problem}`));
    }
  },
};
