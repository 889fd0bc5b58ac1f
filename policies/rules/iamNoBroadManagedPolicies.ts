import { ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedPolicyArn } from "../lib/managedPolicies";
import { broadManagedPolicy, managedPolicyStatementProblems } from "../lib/managedPolicyBreadth";
import { grantingPolicyArnsOf } from "../model/grants";

const FIX = "Grant what the role needs with scoped statements (components/iam.ts) instead.";

/**
 * No AWS managed policy that grants broadly, judged by its published document rather than its
 * name (so `job-function/…` paths and `…Access-Amplify` suffixes count): administrator, every
 * action but a few, permission management, full access to a service, reading everything.
 * A policy that is none of those is then judged statement by statement, exactly as the stack's own
 * documents (iam-least-privilege breadth, iam-no-privilege-escalation), so attaching an AWS
 * managed policy and pasting its document inline get the same verdict, on every principal.
 * Whatever attaches it (model/grants.ts): `managedPolicyArns`, `rolePolicyAttachment`,
 * `policyAttachment`, `rolePolicyAttachmentsExclusive`, user and group attachments, aws-native
 * roles, users, groups and permission sets, IAM Identity Center managed policy attachments,
 * CloudFormation template resources. A permissions boundary grants nothing and is not looked at
 * (IAM User Guide, "Permissions boundaries for IAM entities").
 */
export const iamNoBroadManagedPolicies: ResourceValidationPolicy = {
  name: "iam-no-broad-managed-policies",
  description:
    "AWS managed policies that grant administrator, full-access or read-everything rights, or whose " +
    "statements the pack would reject inline, must not be attached. (cdk-nag IAM4, Security Hub IAM.1)",
  enforcementLevel: "mandatory",
  validateResource: async (args, reportViolation) => {
    for (const arn of grantingPolicyArnsOf(args.type, args.props).filter(isAwsManagedPolicyArn)) {
      const reasons = await broadManagedPolicy(arn);
      if (reasons === undefined) {
        reportViolation(
          `Attaches ${arn}, which is not in the pack's snapshot of AWS managed policies ` +
            "(policies/data/awsManagedPolicies.json), so what it grants cannot be judged: check " +
            "the name, or refresh the snapshot (npm run update-managed-policies).",
        );
      } else if (reasons.length > 0) {
        reportViolation(
          `Attaches the AWS managed policy ${arn}, which grants ${reasons.join("; ")}. ${FIX}`,
        );
      } else {
        const problems = await managedPolicyStatementProblems(arn);
        if (problems.length > 0) {
          reportViolation(
            `Attaches the AWS managed policy ${arn}, which grants what the stack's own policies may not (judged statement by statement): ${problems.join(" ")} ${FIX}`,
          );
        }
      }
    }
  },
};
