import { ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedPolicyArn } from "../lib/managedPolicies";
import { broadManagedPolicy } from "../lib/managedPolicyBreadth";
import { attachedPolicyArnsOf } from "../lib/policyDocuments";

/**
 * No AWS managed policy that grants broadly, judged by its published document rather than its
 * name (so `job-function/…` paths and `…Access-Amplify` suffixes count): administrator, every
 * action but a few, permission management, full access to a service, reading everything.
 * Whatever attaches it: `managedPolicyArns`, `rolePolicyAttachment`, `policyAttachment`,
 * `rolePolicyAttachmentsExclusive`, user and group attachments. A permissions boundary grants
 * nothing and is not looked at.
 */
export const iamNoBroadManagedPolicies: ResourceValidationPolicy = {
  name: "iam-no-broad-managed-policies",
  description:
    "AWS managed policies that grant administrator, full-access or read-everything rights must not " +
    "be attached. (cdk-nag IAM4, Security Hub IAM.1)",
  enforcementLevel: "mandatory",
  validateResource: async (args, reportViolation) => {
    for (const arn of attachedPolicyArnsOf(args.type, args.props).filter(isAwsManagedPolicyArn)) {
      const reasons = await broadManagedPolicy(arn);
      if (reasons === undefined) {
        reportViolation(
          `Attaches ${arn}, which is not in the pack's snapshot of AWS managed policies ` +
            "(policies/data/awsManagedPolicies.json), so what it grants cannot be judged: check " +
            "the name, or refresh the snapshot (npm run update-managed-policies).",
        );
      } else if (reasons.length > 0) {
        reportViolation(
          `Attaches the AWS managed policy ${arn}, which grants ${reasons.join("; ")}. ` +
            "Grant what the role needs with scoped statements (components/iam.ts) instead.",
        );
      }
    }
  },
};
