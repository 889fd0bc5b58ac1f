import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { judgeEachOfType } from "../lib/judgeEach";
import { knownProps } from "../lib/roleStatements";
import { TYPES } from "../lib/resourceTypes";

const EVENT_SOURCE_MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const EVENT_INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const QUEUE = "aws:sqs/queue:Queue";
const REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy";

/** The names a function is referred to by (`functionName` takes a name or an ARN). */
function functionReferences(fn: PolicyResource): Set<string> {
  const { props } = knownProps(fn);
  const values = [props.name, props.arn, props.qualifiedArn, props.id];
  return new Set(values.filter((value): value is string => typeof value === "string"));
}

function hasRedrive(queue: PolicyResource, resources: PolicyResource[]): boolean {
  const { props } = knownProps(queue);
  if (
    typeof props.redrivePolicy === "string" &&
    props.redrivePolicy.includes("deadLetterTargetArn")
  ) {
    return true;
  }
  const urls = [props.url, props.id].filter((value) => typeof value === "string");
  return resources.some(
    (resource) =>
      resource.type === REDRIVE_POLICY &&
      urls.includes(knownProps(resource).props.queueUrl as string),
  );
}

/**
 * Failed events are kept, wherever Lambda's documentation says they go: the function's
 * `deadLetterConfig` or an on-failure destination for asynchronous invocations ("Capturing
 * records of Lambda asynchronous invocations"); for a function fed by SQS, the dead-letter queue
 * belongs on the source queue, because Lambda's SQS poller invokes synchronously and never uses
 * the function's ("Using Lambda with Amazon SQS", handling errors: "configure the dead-letter
 * queue on the source queue, not on the Lambda function").
 */
export const lambdaDeadLetterQueue: StackValidationPolicy = {
  name: "lambda-dead-letter-queue",
  description:
    "Lambda functions must keep failed events: a dead-letter queue (SQS or SNS) or an on-failure " +
    "destination, or, for a function fed by SQS, a redrive policy on the source queue, so events " +
    "of failed invocations (the cleanup schedule's) are kept for a look. (Checkov CKV_AWS_116)",
  enforcementLevel: "mandatory",
  validateStack: judgeEachOfType(TYPES.lambdaFunction, (args, reportViolation) => (fn) => {
    const { resources } = args;
    if ((fn.props.deadLetterConfig as { targetArn?: string } | undefined)?.targetArn) return;
    const references = functionReferences(fn);
    const names = (resource: PolicyResource) =>
      references.has(knownProps(resource).props.functionName as string);
    const onFailure = resources.some(
      (resource) =>
        resource.type === EVENT_INVOKE_CONFIG &&
        names(resource) &&
        Boolean(
          (knownProps(resource).props.destinationConfig as { onFailure?: { destination?: string } })
            ?.onFailure?.destination,
        ),
    );
    if (onFailure) return;
    const mappings = resources.filter((r) => r.type === EVENT_SOURCE_MAPPING && names(r));
    const queues = mappings.flatMap((mapping) =>
      resources.filter(
        (queue) =>
          queue.type === QUEUE &&
          knownProps(queue).props.arn === knownProps(mapping).props.eventSourceArn,
      ),
    );
    if (queues.length > 0 && queues.every((queue) => hasRedrive(queue, resources))) return;
    reportViolation(
      queues.length > 0
        ? `${fn.name} is fed by SQS queue(s) ${queues.map((q) => q.name).join(", ")} without a redrive policy; give the source queue a dead-letter queue (redrivePolicy).`
        : "No deadLetterConfig.targetArn or on-failure destination; add an SQS dead-letter queue.",
      fn.urn,
    );
  }),
};
