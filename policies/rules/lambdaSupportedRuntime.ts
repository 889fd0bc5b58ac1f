import { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSetting } from "../lib/ruleSettings";
import { forType, TYPES } from "../lib/resourceTypes";

/**
 * When the table below was last checked against AWS Lambda's runtime pages ("Runtime
 * deprecation", https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html, and
 * the supported / deprecated runtime tables of "Lambda runtimes",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), here through the copy
 * cfn-lint keeps of those tables (src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json,
 * updated from the AWS docs on 2026-06-02, aws-cloudformation/cfn-lint#4532). A test fails once
 * this is more than 180 days old, and as soon as a scheduled date below passes.
 */
export const UNSUPPORTED_RUNTIMES_CHECKED_ON = "2026-12-07";

/**
 * Runtime identifier → the day Lambda deprecated it (or will): from then on "we may no longer
 * apply security patches or updates to that runtime" ("Runtime deprecation"). That day, not the
 * later block on function creation, is what matters here: AWS pushed most creation blocks to
 * 2027-02-01 in 2026, while the runtimes already get no patches. Scheduled dates are listed
 * too, so a test notices when one passes. dotnet5.0 is not in AWS's tables (a container base
 * image only); its date is Microsoft's end of support for .NET 5.
 */
export const RUNTIME_DEPRECATION_DATES: Readonly<Record<string, string>> = {
  nodejs: "2016-08-30",
  "nodejs4.3": "2020-03-05",
  "nodejs4.3-edge": "2020-03-05",
  "nodejs6.10": "2019-08-12",
  "nodejs8.10": "2020-03-06",
  "nodejs10.x": "2021-07-30",
  "nodejs12.x": "2023-03-31",
  "nodejs14.x": "2023-12-04",
  "nodejs16.x": "2024-06-12",
  "nodejs18.x": "2025-09-01",
  "nodejs20.x": "2026-04-30",
  "nodejs22.x": "2027-04-30",
  "nodejs24.x": "2028-04-30",
  "python2.7": "2021-07-15",
  "python3.6": "2022-07-18",
  "python3.7": "2023-12-04",
  "python3.8": "2024-10-14",
  "python3.9": "2025-12-15",
  "python3.10": "2026-10-31",
  "python3.11": "2027-06-30",
  "python3.12": "2028-10-31",
  "python3.13": "2029-06-30",
  "python3.14": "2029-06-30",
  java8: "2024-01-08",
  "java8.al2": "2027-06-30",
  java11: "2027-06-30",
  java17: "2027-06-30",
  java21: "2029-06-30",
  java25: "2029-06-30",
  "go1.x": "2024-01-08",
  provided: "2024-01-08",
  "provided.al2": "2026-07-31",
  "provided.al2023": "2029-06-30",
  "ruby2.5": "2021-07-30",
  "ruby2.7": "2023-12-07",
  "ruby3.2": "2026-03-31",
  "ruby3.3": "2027-03-31",
  "ruby3.4": "2028-03-31",
  "ruby4.0": "2029-03-31",
  "dotnetcore1.0": "2019-06-27",
  "dotnetcore2.0": "2019-05-30",
  "dotnetcore2.1": "2022-01-05",
  "dotnetcore3.1": "2023-04-03",
  "dotnet5.0": "2022-05-10",
  dotnet6: "2024-12-20",
  dotnet7: "2024-05-14",
  dotnet8: "2026-11-10",
  dotnet9: "2026-11-10",
  dotnet10: "2028-11-14",
};

/**
 * Identifiers the Lambda API model (@aws-sdk/client-lambda, enum Runtime) knows that had no
 * deprecation date in AWS's tables when they were checked: too new to be scheduled.
 */
export const RUNTIMES_WITHOUT_SCHEDULE = [
  "java8.al2023",
  "java11.al2023",
  "java17.al2023",
  "nodejs26.x",
  "python3.15",
];

/** The runtimes deprecated on or before `day` (YYYY-MM-DD). */
export function runtimesDeprecatedBy(day: string): string[] {
  return Object.keys(RUNTIME_DEPRECATION_DATES).filter(
    (runtime) => RUNTIME_DEPRECATION_DATES[runtime] <= day,
  );
}

/**
 * What the rule refuses by default: every runtime deprecated by the day the table was checked.
 * Any other identifier passes, so a runtime AWS adds later is never a false positive.
 */
export const DEFAULT_UNSUPPORTED_RUNTIMES = runtimesDeprecatedBy(UNSUPPORTED_RUNTIMES_CHECKED_ON);

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
