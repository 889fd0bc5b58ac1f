import { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../lib/resourceTypes";

const DEFAULT_ALLOWED_RUNTIMES = ["nodejs22.x", "nodejs24.x", "python3.12", "python3.13"];

/** Functions run on a supported runtime and keep failed async events. */
export const lambdaRuntimeAndDlq: ResourceValidationPolicy = {
  name: "lambda-supported-runtime-dlq",
  description:
    "Lambda functions must use a supported runtime (deprecated ones get no security patches) and have a " +
    "dead-letter queue so failed asynchronous invocations are kept. (cdk-nag L1, Security Hub Lambda.2, Checkov CKV_AWS_116)",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedRuntimes: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_ALLOWED_RUNTIMES,
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.lambdaFunction) {
      return;
    }
    const { allowedRuntimes } = args.getConfig<{ allowedRuntimes: string[] }>();
    const allowed = allowedRuntimes ?? DEFAULT_ALLOWED_RUNTIMES;
    const runtime = args.props.runtime as string | undefined;
    if (runtime && !allowed.includes(runtime)) {
      reportViolation(
        `Runtime ${runtime} is not one of ${allowed.join(", ")}; move to a supported runtime.`,
      );
    }
    const deadLetter = args.props.deadLetterConfig as { targetArn?: string } | undefined;
    if (!deadLetter?.targetArn) {
      reportViolation("No deadLetterConfig.targetArn; add an SQS dead-letter queue.");
    }
  },
};
