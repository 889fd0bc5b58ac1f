import { DANGEROUS_ACTIONS, DangerousAction } from "../iam/dangerousActions";
import { NormalizedStatement, statementName } from "./iamDocument";
import { actionInfo, actionMatches } from "./iamReference";

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
export async function dangerousGrants(statement: NormalizedStatement): Promise<DangerousAction[]> {
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
 * Why a statement escalates privileges or switches off an account-wide protection, one message
 * per dangerous action it grants; empty when it grants none. Shared by the stack's own documents
 * (iam-no-privilege-escalation) and the AWS managed policies it attaches
 * (iam-no-broad-managed-policies), so both are judged alike.
 */
export async function escalationProblems(statement: NormalizedStatement): Promise<string[]> {
  return (await dangerousGrants(statement)).map(({ action, effect, kind }) => {
    const why =
      kind === "escalation"
        ? "privilege escalation whatever resource it names"
        : "an account-wide switch";
    return `${statementName(statement)}: grants ${action}, which ${effect}: ${why}. Remove it; to delegate IAM administration, require a fixed iam:PermissionsBoundary (IAM User Guide, "Permissions boundaries for IAM entities").`;
  });
}
