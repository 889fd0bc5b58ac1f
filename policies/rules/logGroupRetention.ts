import { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";
import { retentionOf } from "../model/logGroups";

/** Log groups expire their data. */
export const logGroupRetention: ResourceValidationPolicy = {
  name: "log-group-retention",
  description:
    "CloudWatch log groups must set a retention period: logs kept forever cost money every month and " +
    'hold data longer than any audit needs. A number given as a string ("30") counts as that number. ' +
    "(Checkov CKV_AWS_338 asks for at least a year in production)",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { minimumDays: { type: "integer", default: 1, minimum: 1 } },
  },
  validateResource: forType(TYPES.logGroup, (args, reportViolation) => {
    const { minimumDays } = args.getConfig<{ minimumDays: number }>();
    const days = retentionOf({ props: args.props } as PolicyResource);
    if (days === "never") {
      reportViolation(
        "retentionInDays is not set (logs never expire); set fargate-access:logRetentionDays.",
      );
    } else if (days < (minimumDays ?? 1)) {
      reportViolation(
        `retentionInDays is ${days}, under the required ${minimumDays}; raise fargate-access:logRetentionDays.`,
      );
    }
  }),
};
