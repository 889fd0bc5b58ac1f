import { ResourceValidationPolicy } from "@pulumi/policy";
import { expandActionPattern } from "../lib/iamReference";
import { statementName } from "../lib/iamDocument";
import { identityStatementsOf } from "../model/grants";

/**
 * Every action a policy names is one IAM knows (after expanding wildcards): a misspelt Allow
 * cannot be judged, and a misspelt Deny silently denies nothing.
 */
export const iamKnownActions: ResourceValidationPolicy = {
  name: "iam-known-actions",
  description:
    "Every action or action pattern in an IAM policy must match an action of the AWS Service " +
    "Authorization Reference: an unknown Allow cannot be judged, an unknown Deny denies nothing.",
  enforcementLevel: "mandatory",
  validateResource: async (args, reportViolation) => {
    for (const { statement, place } of identityStatementsOf(args.type, args.props).statements) {
      for (const action of statement.actions) {
        if ((await expandActionPattern(action)).length === 0) {
          reportViolation(
            `${place}Statement ${statementName(statement)}: ${action} matches no action IAM knows ` +
              "(check the service prefix and the action name in the AWS Service Authorization Reference).",
          );
        }
      }
    }
  },
};
