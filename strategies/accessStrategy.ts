import * as pulumi from "@pulumi/pulumi";
import type { StrategyName } from "./strategyName";
import { WorkloadContribution } from "../components/contribution";
import { Workload } from "../components/workload";

/**
 * What a strategy attaches its resources to, once the shared workload exists. (The stack-wide
 * values, the AWS context and the log retention, reach a strategy once: in its constructor's
 * args, `StrategyArgs`.)
 */
export interface AccessTarget {
  /** The cluster, task definition, roles and service every strategy reaches. */
  workload: Workload;
  /** Variables a one-off run's container overrides must carry (merged contributions). */
  oneOffEnvironment: Record<string, string>;
}

/** Stack outputs a strategy adds, by the names its module declares (`outputs`). */
export type StrategyOutputs<Output extends string = string> = Record<Output, pulumi.Output<string>>;

/**
 * An access strategy: a component built in two steps. The constructor creates only what the
 * workload must reference (e.g. an exec log group) and states its `contribution`; `attach` then
 * adds roles, functions and state machines around the finished workload.
 */
export interface AccessStrategy<Output extends string = string> {
  readonly strategyName: StrategyName;
  readonly contribution: WorkloadContribution;
  attach(target: AccessTarget): StrategyOutputs<Output>;
}

/** Tags that mark a resource as belonging to one strategy (on top of the provider defaults). */
export function strategyTags(strategy: StrategyName): Record<string, string> {
  return { "fargate-access:strategy": strategy };
}
