import { ResourceValidationPolicy } from "@pulumi/policy";
import { escalationProblems } from "../lib/escalationGrants";
import { identityStatementsOf } from "../model/grants";

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
    for (const { statement, place } of identityStatementsOf(args.type, args.props).statements) {
      for (const problem of await escalationProblems(statement)) {
        reportViolation(`${place}${problem}`);
      }
    }
  },
};
