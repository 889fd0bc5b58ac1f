import { StackValidationPolicy } from "@pulumi/policy";
import { lambdaExposures } from "../model/exposures";
import { Undecided } from "../lib/unknowns";

/** No Lambda function of the stack may be invoked by anyone. */
export const lambdaNotPublic: StackValidationPolicy = {
  name: "lambda-not-public",
  description:
    "No Lambda function may be callable by anyone: no resource-based permission for principal " +
    '"*" that no SourceArn / SourceAccount / PrincipalOrgID narrows, no function URL with auth ' +
    "type NONE, in the aws or aws-native provider. The stack's functions (the activation cleanup) " +
    "are invoked by EventBridge only. (Lambda developer guide: resource-based policies, " +
    '"Control access to Lambda function URLs"; Security Hub Lambda.1, Checkov CKV_AWS_301/258)',
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const undecided = new Undecided();
    for (const { resource, target, how } of lambdaExposures(args.resources, undecided)) {
      reportViolation(
        `Lambda function ${target} is public: ${how}; name the calling service's resource ` +
          "(sourceArn), an account or an organization, or use auth type AWS_IAM.",
        resource.urn,
      );
    }
    undecided.finish();
  },
};
