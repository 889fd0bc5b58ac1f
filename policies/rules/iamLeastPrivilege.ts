import { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { actionSupport } from "../lib/actionSupport";
import { NormalizedStatement, parsePolicyDocument } from "../lib/iamDocument";
import { policyDocumentsOf } from "../lib/policyDocuments";
import { TYPES } from "../lib/resourceTypes";

/** AWS managed policies that grant far more than any task or strategy role needs. */
const BROAD_MANAGED_POLICY =
  /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|[\w-]*FullAccess)$/;

const FIX = "Scope it in the statement builders (lib/iam.ts) to the ARNs the role uses.";

/**
 * Every IAM policy of the stack's roles is least-privilege: no `*` or `service:*` actions, no
 * `Resource: "*"` for actions that take resource ARNs (unless a condition key of that action
 * scopes it), `iam:PassRole` only on named roles and only with `iam:PassedToService`, no
 * Allow with NotAction/NotResource, and no broad AWS managed policies.
 */
export const iamLeastPrivilege: ResourceValidationPolicy = {
  name: "iam-least-privilege",
  description:
    "Task roles and strategy roles must be least-privilege: a leaked task credential or an operator " +
    "role must not reach beyond this stack. (cdk-nag IAM4/IAM5, Security Hub IAM.1, Checkov CKV_AWS_289/290/355)",
  enforcementLevel: "mandatory",
  validateResource: async (args, reportViolation) => {
    for (const document of policyDocumentsOf(args.type, args.props)) {
      await checkDocument(document, reportViolation);
    }
    if (args.type === TYPES.role) {
      checkManagedPolicies(
        (args.props.managedPolicyArns as string[] | undefined) ?? [],
        reportViolation,
      );
    } else if (args.type === TYPES.rolePolicyAttachment) {
      checkManagedPolicies([String(args.props.policyArn)], reportViolation);
    }
  },
};

function checkManagedPolicies(arns: string[], reportViolation: ReportViolation): void {
  for (const arn of arns.filter((candidate) => BROAD_MANAGED_POLICY.test(candidate))) {
    reportViolation(
      `Attaches the AWS managed policy ${arn}, which grants far more than needed. ${FIX}`,
    );
  }
}

async function checkDocument(policy: unknown, reportViolation: ReportViolation): Promise<void> {
  const parsed = parsePolicyDocument(policy);
  if (parsed.kind === "invalid") {
    reportViolation(`Cannot check the policy: ${parsed.reason}.`);
    return;
  }
  if (parsed.kind === "unknown") {
    return;
  }
  for (const statement of parsed.statements.filter((s) => s.effect === "Allow")) {
    for (const problem of await statementProblems(statement)) {
      reportViolation(`Statement ${statement.sid ?? "(no Sid)"}: ${problem} ${FIX}`);
    }
  }
}

/** Why an Allow statement is broader than least privilege; empty when it is not. */
export async function statementProblems(statement: NormalizedStatement): Promise<string[]> {
  const problems: string[] = [];
  if (statement.notActions) {
    problems.push("Allow with NotAction grants every other action.");
  }
  if (statement.notResources) {
    problems.push("Allow with NotResource grants every other resource.");
  }
  const wildcardResource = statement.resources.includes("*");
  for (const action of statement.actions) {
    if (action === "*" || action.endsWith(":*")) {
      problems.push(
        `action ${action} allows every action${action === "*" ? "" : " of the service"}.`,
      );
      continue;
    }
    if (action.toLowerCase() === "iam:passrole") {
      if (wildcardResource) {
        problems.push("iam:PassRole on * lets the holder hand any role to a service.");
      }
      if (!statement.conditionKeys.some((key) => key.toLowerCase() === "iam:passedtoservice")) {
        problems.push("iam:PassRole without an iam:PassedToService condition.");
      }
      continue;
    }
    if (wildcardResource && !statement.notActions) {
      const support = await actionSupport(action);
      const scopedByCondition = statement.conditionKeys.some((key) =>
        support?.conditionKeys.includes(key.toLowerCase()),
      );
      if (support?.resourceLevel && !scopedByCondition) {
        problems.push(`${action} supports resource-level permissions but is granted on *.`);
      }
    }
  }
  return problems;
}
