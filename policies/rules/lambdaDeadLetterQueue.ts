import { ResourceValidationPolicy } from "@pulumi/policy";
import { requireOfType, TYPES } from "../lib/resourceTypes";

/** Functions keep the events of failed asynchronous invocations. */
export const lambdaDeadLetterQueue: ResourceValidationPolicy = {
  name: "lambda-dead-letter-queue",
  description:
    "Lambda functions must have a dead-letter queue (SQS or SNS), so events of failed asynchronous " +
    "invocations (the cleanup schedule's) are kept for a look rather than dropped. (Checkov CKV_AWS_116)",
  enforcementLevel: "mandatory",
  validateResource: requireOfType(
    TYPES.lambdaFunction,
    (props) => Boolean((props.deadLetterConfig as { targetArn?: string } | undefined)?.targetArn),
    "No deadLetterConfig.targetArn; add an SQS dead-letter queue.",
  ),
};
