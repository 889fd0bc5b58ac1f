import { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSetting } from "../lib/ruleSettings";
import { forType, TYPES } from "../lib/resourceTypes";

/**
 * Runtimes AWS no longer lets anyone create functions on (phase 2 of the Lambda runtime
 * deprecation policy), as of 2026-11. Any other identifier passes, so a runtime AWS adds later
 * (or an OS-only one such as provided.al2023) is never a false positive. provided.al2 is not
 * here: deprecated on 2026-07-31, function creation is blocked from 2027-02-01 (AWS Lambda
 * developer guide, "Deploy Go Lambda functions with container images", OS-only runtime table).
 * Dates of the others: "Lambda runtimes" deprecated-runtimes table, as mirrored by
 * tflint-ruleset-aws rules/aws_lambda_function_deprecated_runtime.go.
 */
/**
 * When the list below was last checked against AWS Lambda's "Runtime deprecation" page
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html, the "Deprecated
 * runtimes" table of "Lambda runtimes", https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
 * A test fails once this is more than 180 days old: the list goes stale as AWS deprecates more.
 */
export const UNSUPPORTED_RUNTIMES_CHECKED_ON = "2026-12-07";

export const DEFAULT_UNSUPPORTED_RUNTIMES = [
  "nodejs",
  "nodejs4.3",
  "nodejs4.3-edge",
  "nodejs6.10",
  "nodejs8.10",
  "nodejs10.x",
  "nodejs12.x",
  "nodejs14.x",
  "nodejs16.x",
  "nodejs18.x",
  "python2.7",
  "python3.6",
  "python3.7",
  "python3.8",
  "python3.9",
  "java8",
  "go1.x",
  "provided",
  "ruby2.5",
  "ruby2.7",
  "dotnetcore1.0",
  "dotnetcore2.0",
  "dotnetcore2.1",
  "dotnetcore3.1",
  "dotnet5.0",
  "dotnet6",
  "dotnet7",
];

/** Functions run on a runtime AWS still supports. */
export const lambdaSupportedRuntime: ResourceValidationPolicy = {
  name: "lambda-supported-runtime",
  description:
    "Lambda functions must use a runtime AWS still supports: deprecated runtimes get no security " +
    "patches. Container-image functions (no runtime) pass. (cdk-nag L1, Security Hub Lambda.2, Checkov CKV_AWS_363)",
  enforcementLevel: "mandatory",
  configSchema: stringListSetting(
    "unsupportedRuntimes",
    DEFAULT_UNSUPPORTED_RUNTIMES,
    "Runtime identifiers to refuse (replaces the default list).",
  ),
  validateResource: forType(TYPES.lambdaFunction, (args, reportViolation) => {
    const unsupported =
      args.getConfig<{ unsupportedRuntimes?: string[] }>().unsupportedRuntimes ??
      DEFAULT_UNSUPPORTED_RUNTIMES;
    const runtime = args.props.runtime;
    if (typeof runtime === "string" && unsupported.includes(runtime)) {
      reportViolation(
        `Runtime ${runtime} is deprecated and gets no security patches; move to a supported runtime (e.g. nodejs22.x, python3.13, provided.al2023).`,
      );
    }
  }),
};
