import { ResourceValidationPolicy } from "@pulumi/policy";
import { breadthProblems } from "../lib/statementBreadth";
import { Undecided } from "../lib/unknowns";
import { identityStatementsOf } from "../model/grants";

export const FIX =
  "Scope it in the statement builders (components/iam.ts) to the ARNs the role uses.";

/**
 * Every IAM policy the stack writes (a role's inline policies, RolePolicy, UserPolicy, GroupPolicy,
 * Policy) is least-privilege. Wildcard actions are expanded against the IAM reference and judged
 * by what they grant: no `*` or whole-service actions, no Allow with NotAction/NotResource, and no
 * action that takes resource ARNs granted on a wildcard resource (`*`, `arn:aws:s3:::*`,
 * `…:secret:*`) unless a condition that names resources scopes it (lib/scopingConditions.ts).
 * A statement whose only such grants are actions on resources no policy can name (ECS task ids,
 * `logs:CreateLogGroup`: policies/iam/unnameableResources.ts, with AWS's own policies as sources)
 * passes; with any other action on a wildcard resource, all of them are reported.
 */
export const iamLeastPrivilege: ResourceValidationPolicy = {
  name: "iam-least-privilege",
  description:
    "IAM policies must be least-privilege: a leaked task credential or an operator role must not " +
    "reach beyond this stack. (cdk-nag IAM5, Security Hub IAM.1, Checkov CKV_AWS_289/290/355)",
  enforcementLevel: "mandatory",
  validateResource: async (args, reportViolation) => {
    const { statements, invalid, unknowns } = identityStatementsOf(args.type, args.props);
    invalid.forEach((reason) => reportViolation(`Cannot check the policy: ${reason}.`));
    for (const { statement, place } of statements) {
      for (const problem of await breadthProblems(statement)) {
        reportViolation(`${place}${problem} ${FIX}`);
      }
    }
    // A template's parts that only CloudFormation can work out (Fn::ImportValue, a parameter
    // without a value): the rest is judged above; these are "cannot judge", never safe.
    const undecided = new Undecided();
    unknowns.forEach((what) => undecided.note(what));
    undecided.finish();
  },
};
