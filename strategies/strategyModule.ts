import type * as pulumi from "@pulumi/pulumi";
import type { Fields, SectionValue } from "../config/schema";
import type { ConfigCheckContext, ConfigFindings } from "./configCheck";
import type { CostContext, CostLine } from "../cost/lines";
import type { CheckResult, DoctorClients, DoctorTarget } from "../doctor/types";
import type { AuditSource } from "../operator/auditSource";
import type { ShellSupport } from "../operator/shellSupport";
import type { TaskSupport } from "../operator/taskSupport";
import type { AccessStrategy } from "./accessStrategy";
import type { ServiceKeys } from "../library/existingService";

/**
 * A strategy's component class (the library's public component, e.g. `EcsExecAccess`): built
 * from its settings (the keys of its stack config section, as a stack file spells them) and the
 * common args. Without `service` its constructor creates only what the workload must reference
 * and states the contribution; `attach` adds the rest around the finished workload.
 */
export type StrategyComponent<Output extends string> = new (
  name: string,
  args: Record<string, unknown>,
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
  /** The keys of an existing service the component needs, as configured (library/existingService.ts). */
  serviceKeys(config: SectionValue<F>): ServiceKeys;
  /** The section as the component's settings take it (default: as validated). */
  settings?(config: SectionValue<F>): Record<string, unknown>;
  /** Loads the component (`@pulumi/*`) on first use. */
  component(): StrategyComponent<Output>;
}
