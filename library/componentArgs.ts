import * as pulumi from "@pulumi/pulumi";
import { FieldReader } from "../config/fieldReader";
import { Fields, SectionValue } from "../config/schema";
import { LOG_RETENTION_FIELD } from "../config/logRetention";
import { ExistingService, ServiceKey, serviceProblems } from "./existingService";
import { readProductionLike, readSettings, throwProblems } from "./settings";

/** The args every strategy component takes beside its settings. */
export interface CommonAccessArgs {
  /** Days to keep every log group the component creates; a value CloudWatch Logs accepts. Default: `30`. */
  logRetentionDays?: number;
  /** A production-like stack: operator roles require MFA unless `requireMfa` says otherwise. Default: `false`. */
  productionLike?: boolean;
  /** The existing service to attach to. Without it the component only states its `requirements`; a TypeScript program then calls `attach` once its service exists. */
  service?: ExistingService;
}

/** The operator role's settings, the same keys in every strategy that has one. */
export interface OperatorSettings {
  /** IAM principal ARNs that may assume the operator role; empty: no operator role. Default: none. */
  operatorPrincipals?: string[];
  /** The operator role can be assumed only with a source identity naming the person. Default: `true`. */
  requireSourceIdentity?: boolean;
  /** IAM users assuming the operator role must have signed in with MFA. Default: `productionLike`. */
  requireMfa?: boolean;
}

const COMMON_KEYS = ["logRetentionDays", "productionLike", "service"] as const;

/** A component's args, read and checked: every problem is thrown at once, before anything is built. */
export interface ReadArgs<F extends Fields> {
  config: SectionValue<F>;
  logRetentionDays: number;
  productionLike: boolean;
  service?: ExistingService;
}

/**
 * Reads a strategy component's args: its settings through the fields of its stack config
 * section, the common args, and, when a service is given, the keys `required(config)` names.
 * `extraKeys`: args of the component that are neither settings nor common (read by it).
 */
export function readAccessArgs<F extends Fields>(
  component: string,
  fields: F,
  args: CommonAccessArgs & object,
  required: (config: SectionValue<F>) => { keys: readonly ServiceKey[]; why: string },
  extraKeys: readonly string[] = [],
): ReadArgs<F> {
  const argsName = `${component}Args`;
  const problems: string[] = [];
  if (args === undefined || args === null || typeof args !== "object") {
    throwProblems(component, [`${argsName}: must be an object of settings; got ${String(args)}.`]);
  }
  const productionLike = readProductionLike(argsName, args.productionLike, problems);
  const settings = Object.fromEntries(
    Object.entries(args).filter(
      ([key]) => !(COMMON_KEYS as readonly string[]).includes(key) && !extraKeys.includes(key),
    ),
  );
  // The common keys are read below, but an unknown key's message lists them as allowed too.
  const otherKeys = [...COMMON_KEYS, ...extraKeys];
  const config = readSettings(argsName, fields, settings, otherKeys, productionLike, problems);
  const retentionValue = args.logRetentionDays;
  if (pulumi.Output.isInstance(retentionValue)) {
    problems.push(
      `${argsName}.logRetentionDays: must be a plain number, known when the program runs; got a Pulumi Output.`,
    );
  }
  const retention = new FieldReader(
    argsName,
    retentionValue === undefined || pulumi.Output.isInstance(retentionValue)
      ? {}
      : { logRetentionDays: retentionValue },
    problems,
  );
  const logRetentionDays = LOG_RETENTION_FIELD.read(retention, "logRetentionDays");
  if (args.service !== undefined) {
    const { keys, why } = required(config);
    problems.push(...serviceProblems(argsName, args.service, keys, why));
  }
  throwProblems(component, problems);
  return { config, logRetentionDays, productionLike, service: args.service };
}
