import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { NormalizedStatement, parsePolicyDocument } from "../lib/iamDocument";
import { knownProps, notePending, roleLabel, taskRoles } from "../lib/roleStatements";
import { Undecided } from "../lib/unknowns";
import { TYPES } from "../lib/resourceTypes";
import { acceptsAnything } from "../lib/scopingConditions";

export const ECS_TASKS = "ecs-tasks.amazonaws.com";
const SOURCE_KEYS = /^aws:source(account|arn)$/i;
const MATCHING = /^(stringequals|stringlike|arnequals|arnlike)$/i;

function trustStatements(role: PolicyResource): NormalizedStatement[] | string {
  const parsed = parsePolicyDocument(knownProps(role).props.assumeRolePolicy, "trust");
  if (parsed.kind === "invalid") {
    return `its trust policy cannot be read (${parsed.reason})`;
  }
  return parsed.kind === "parsed" ? parsed.statements : [];
}

function trustsEcsTasks(role: PolicyResource): boolean {
  const statements = trustStatements(role);
  return (
    typeof statements !== "string" &&
    statements.some((statement) =>
      statement.principals.some((principal) => principal.value === ECS_TASKS),
    )
  );
}

/** Why a task role's trust policy lets more than ECS tasks of this account assume it. */
export function trustProblems(role: PolicyResource): string[] {
  const statements = trustStatements(role);
  if (typeof statements === "string") {
    return [statements];
  }
  const problems: string[] = [];
  for (const statement of statements.filter((s) => s.effect === "Allow")) {
    if (statement.notPrincipals) {
      problems.push("it trusts every principal but those under NotPrincipal");
      continue;
    }
    const others = statement.principals.filter(
      (principal) => principal.type !== "Service" || principal.value !== ECS_TASKS,
    );
    if (others.some((principal) => principal.value === "*")) {
      problems.push("it trusts every principal (*)");
    } else if (others.length > 0) {
      problems.push(`it also trusts ${others.map((p) => `${p.type} ${p.value}`).join(", ")}`);
    }
    const pinned = statement.conditions.some(
      (condition) =>
        SOURCE_KEYS.test(condition.key) &&
        MATCHING.test(condition.operator) &&
        !acceptsAnything(condition.values) &&
        condition.values.every((value) => !/^arn:[^:]*:[^:]*:[^:]*:\*/.test(value)),
    );
    if (!pinned) {
      problems.push(
        "it does not pin aws:SourceAccount (or aws:SourceArn) to this account (confused deputy)",
      );
    }
  }
  return problems;
}

/**
 * A task role (a task definition's `taskRoleArn`, or any role that ECS tasks may assume) is
 * assumable by `ecs-tasks.amazonaws.com` only, from this account: no `*`, no other service or
 * account, no NotPrincipal. (Amazon ECS Developer Guide, "Task IAM role": trust policy with
 * aws:SourceAccount / aws:SourceArn to prevent the confused deputy problem.)
 */
export const iamTaskRoleTrust: StackValidationPolicy = {
  name: "iam-task-role-trust",
  description:
    "Task roles must trust ecs-tasks.amazonaws.com only, pinned to this account with " +
    "aws:SourceAccount or aws:SourceArn.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const undecided = new Undecided();
    const tasks = taskRoles(args.resources);
    notePending(undecided, tasks.pending);
    const roles = new Set([
      ...tasks.roles,
      ...args.resources.filter((r) => r.type === TYPES.role && trustsEcsTasks(r)),
    ]);
    for (const role of roles) {
      const { unknown } = knownProps(role);
      if (unknown.includes("assumeRolePolicy")) {
        notePending(undecided, [{ resource: role, key: "assumeRolePolicy" }]);
        continue;
      }
      const problems = trustProblems(role);
      if (problems.length > 0) {
        reportViolation(
          `The task role ${roleLabel(role)} is too widely trusted: ${problems.join("; ")}. ` +
            `Trust only Service ${ECS_TASKS} with StringEquals aws:SourceAccount (components/iam.ts serviceTrustPolicy).`,
          role.urn,
        );
      }
    }
    undecided.finish();
  },
};
