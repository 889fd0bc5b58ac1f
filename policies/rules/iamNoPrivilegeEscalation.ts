import { ResourceValidationPolicy } from "@pulumi/policy";
import { DANGEROUS_ACTIONS, DangerousAction } from "../iam/dangerousActions";
import { NormalizedStatement, statementName, statementsOfResource } from "../lib/iamDocument";
import { actionInfo, actionMatches } from "../lib/iamReference";
import { policyDocumentsOf } from "../lib/policyDocuments";

/** Operators whose values are compared as written (no wildcards), so a value names one thing. */
const EXACT_OPERATORS = /^(StringEquals|ArnEquals)$/;

/**
 * The delegation pattern AWS documents for letting someone administer IAM without escalating:
 * the grant holds only while `iam:PermissionsBoundary` is a given boundary policy (IAM User
 * Guide, "Permissions boundaries for IAM entities", delegating responsibility to others). It
 * counts only for actions the IAM reference lets that key scope.
 */
async function boundaryPinned(statement: NormalizedStatement, action: string): Promise<boolean> {
  const pinned = statement.conditions.some(
    (condition) =>
      condition.key.toLowerCase() === "iam:permissionsboundary" &&
      EXACT_OPERATORS.test(condition.operator) &&
      condition.values.length > 0 &&
      condition.values.every((value) => !value.includes("*") && !value.includes("?")),
  );
  if (!pinned) return false;
  const info = await actionInfo(action);
  return (info?.conditionKeys ?? []).some((key) => key.toLowerCase() === "iam:permissionsboundary");
}

/** The dangerous actions an Allow statement grants, NotAction included. */
async function dangerousGrants(statement: NormalizedStatement): Promise<DangerousAction[]> {
  if (statement.effect !== "Allow") return [];
  const granted: DangerousAction[] = [];
  for (const dangerous of DANGEROUS_ACTIONS) {
    const named = statement.actions.some((pattern) => actionMatches(dangerous.action, pattern));
    // Allow + NotAction grants every action it does not name (IAM JSON policy elements: NotAction).
    if (named === statement.notActions) continue;
    if (await boundaryPinned(statement, dangerous.action)) continue;
    granted.push(dangerous);
  }
  return granted;
}

/**
 * No IAM policy the stack writes grants an action that escalates privileges or switches off an
 * account-wide protection, on whatever resource: `iam:PutRolePolicy` on the holder's own role is
 * as much an escalation as on `*`, and `organizations:LeaveOrganization` takes no resource at all,
 * so iam-least-privilege (which judges resource scope) cannot see either.
 */
export const iamNoPrivilegeEscalation: ResourceValidationPolicy = {
  name: "iam-no-privilege-escalation",
  description:
    "IAM policies must not grant privilege escalation (writing or attaching policies, rewriting " +
    "trusts, lifting boundaries, minting credentials) or account-wide switches (leaving the " +
    "organisation, disabling S3 Block Public Access or CloudTrail), even on named resources.",
  enforcementLevel: "mandatory",
  validateResource: async (args, reportViolation) => {
    const { statements } = statementsOfResource(policyDocumentsOf(args.type, args.props));
    for (const statement of statements) {
      for (const { action, effect, kind } of await dangerousGrants(statement)) {
        const why =
          kind === "escalation"
            ? "privilege escalation whatever resource it names"
            : "an account-wide switch";
        reportViolation(
          `${statementName(statement)}: grants ${action}, which ${effect}: ${why}. Remove it; to delegate IAM administration, require a fixed iam:PermissionsBoundary (IAM User Guide, "Permissions boundaries for IAM entities").`,
        );
      }
    }
  },
};
