import { StackValidationPolicy } from "@pulumi/policy";
import { Undecided } from "../lib/unknowns";
import { logGroupsByName, selfCreatedLogGroups } from "../model/logGroups";

/** Log groups that services would create themselves exist in the stack, with a retention. */
export const serviceLogGroupsExpire: StackValidationPolicy = {
  name: "service-log-groups-expire",
  description:
    "A Lambda function (its loggingConfig.logGroup or /aws/lambda/<name>) or an awslogs container " +
    "with awslogs-create-group writes to a log group that, when the stack does not create it, " +
    "the service creates itself with no retention: logs kept forever, outside the stack's " +
    'control. Create the group in the stack with a retention. (Lambda developer guide, "Configuring ' +
    'CloudWatch log groups"; serverless-rules Lambda log retention)',
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const undecided = new Undecided();
    const groups = logGroupsByName(args.resources);
    for (const { name, writer, what } of selfCreatedLogGroups(args.resources, undecided)) {
      if (!groups.has(name)) {
        reportViolation(
          `${writer.name} logs to ${name}, which the stack does not create (${what}, and it never ` +
            "expires); add an aws.cloudwatch.LogGroup with that name and a retentionInDays.",
          writer.urn,
        );
      }
    }
    undecided.finish();
  },
};
