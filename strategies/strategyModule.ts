import type * as pulumi from "@pulumi/pulumi";
import type { Fields, SectionValue } from "../config/schema";
import type { ConfigCheckContext, ConfigFindings } from "./configCheck";
import type { CostContext, CostLine } from "../cost/lines";
import type { CheckResult, DoctorClients, DoctorTarget } from "../doctor/types";
import type { AwsContext } from "../components/awsContext";
import type { AuditSource } from "../operator/auditSource";
import type { ShellSupport } from "../operator/shellSupport";
import type { TaskSupport } from "../operator/taskSupport";
import type { AccessStrategy } from "./accessStrategy";

/** What a strategy's component is built from: its own config section and the stack's context. */
export interface StrategyArgs<Config> {
  config: Config;
  context: AwsContext;
  /** `fargate-access:logRetentionDays`: every log group the stack creates keeps logs this long. */
  logRetentionDays: number;
}

/**
 * A strategy's component class: its constructor creates what the workload must reference and
 * states the contribution; `attach` adds the rest around the finished workload. Each class
 * declares the narrower Args it really uses; these are the values every one may pick from.
 */
export type StrategyComponent<Config, Output extends string> = new (
  name: string,
  args: StrategyArgs<Config>,
  opts?: pulumi.ComponentResourceOptions,
) => AccessStrategy<Output>;

/** The doctor's checks of one strategy, against a deployed stack. */
export type StrategyChecks = (
  clients: DoctorClients,
  target: DoctorTarget,
) => Promise<CheckResult[]>;

/**
 * Something in the container only one selected strategy may own. Two selected strategies with
 * the same claim `id` are refused, with `reason`.
 */
export interface Claim {
  id: string;
  reason: string;
}

/**
 * Everything the project knows about one access strategy, in its folder `strategies/<name>/`.
 * The registry (`strategies/registry.ts`) lists one per name; nothing else names a strategy.
 * Pure: the cost and doctor commands read it without loading `@pulumi/*` or the AWS SDK; the
 * component and the doctor checks are loaded on first use.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any section's fields
export interface StrategyModule<F extends Fields = any, Output extends string = string> {
  /** A few words for help texts and tables, e.g. `ECS Exec`. */
  title: string;
  /** The logical name of the strategy's component (part of every URN below it). */
  resourceName: string;
  /** The keys of the `fargate-access:<name>` section. */
  config: F;
  /** Rules between this section and the rest of the stack config. */
  checkConfig?(config: SectionValue<F>, context: ConfigCheckContext): ConfigFindings;
  claims?: readonly Claim[];
  /** Interface VPC endpoint services the tasks must reach for this strategy, as configured. */
  endpointServices(config: SectionValue<F>): readonly string[];
  /** What the strategy adds to the monthly bill besides its endpoints. */
  costLines(config: SectionValue<F>, context: CostContext): CostLine[];
  /** The stack outputs the strategy adds: name (prefixed with the strategy's name) → meaning. */
  outputs: Record<Output, string>;
  /** Output names of earlier versions → today's: read from stacks not yet updated. */
  renamedOutputs?: Record<string, Output>;
  /** Loads the doctor's checks (the AWS SDK clients they use) on first use. */
  doctorChecks(): Promise<StrategyChecks>;
  /** `npm run shell` through this strategy, when it opens sessions in the running task. */
  shell?(): Promise<ShellSupport>;
  /** `npm run task` through this strategy, when it runs one-off tasks. */
  task?(): Promise<TaskSupport>;
  /** `npm run audit` through this strategy: who ran what, from its records in AWS. */
  audit?(): Promise<AuditSource>;
  /** Loads the component (`@pulumi/*`) on first use. */
  component(): StrategyComponent<SectionValue<F>, Output>;
}
