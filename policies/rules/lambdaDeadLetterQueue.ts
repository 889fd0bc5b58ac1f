import { ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";

/** Functions keep the events of failed asynchronous invocations. */
export const lambdaDeadLetterQueue: ResourceValidationPolicy = {
  name: "lambda-dead-letter-queue",
  description:
    "Lambda functions must have a dead-letter queue (SQS or SNS), so events of failed asynchronous " +
    "invocations (the cleanup schedule's) are kept for a look rather than dropped. (Checkov CKV_AWS_116)",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.lambdaFunction, (args, reportViolation) => {
    const deadLetter = args.props.deadLetterConfig as { targetArn?: string } | undefined;
    if (!deadLetter?.targetArn) {
      reportViolation("No deadLetterConfig.targetArn; add an SQS dead-letter queue.");
    }
  }),
};
