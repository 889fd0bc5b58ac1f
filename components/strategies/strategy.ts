import * as pulumi from "@pulumi/pulumi";
import { StrategyName } from "../../config/types";
import { AwsContext } from "../../lib/awsContext";
import { WorkloadContribution } from "../contribution";
import { Workload } from "../workload";

/** What a strategy attaches its resources to, once the shared workload exists. */
export interface AccessTarget {
  workload: Workload;
  context: AwsContext;
  logRetentionDays: number;
}

/** Stack outputs a strategy adds, by their contract names (design.md §2). */
export type StrategyOutputs = Record<string, pulumi.Output<string>>;

/**
 * An access strategy: a component built in two steps. The constructor creates only what the
 * workload must reference (e.g. an exec log group) and states its `contribution`; `attach` then
 * adds roles, functions and state machines around the finished workload.
 */
export interface AccessStrategy {
  readonly strategyName: StrategyName;
  readonly contribution: WorkloadContribution;
  attach(target: AccessTarget): StrategyOutputs;
}

/** Tags that mark a resource as belonging to one strategy (on top of the provider defaults). */
export function strategyTags(strategy: StrategyName): Record<string, string> {
  return { "fargate-access:strategy": strategy };
}

/** Explains an empty operator list in the output instead of leaving it blank. */
export function noOperatorRole(configKey: string): pulumi.Output<string> {
  return pulumi.output(`none: set ${configKey}.operatorPrincipals to create an operator role`);
}
