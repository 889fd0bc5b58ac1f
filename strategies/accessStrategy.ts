import * as pulumi from "@pulumi/pulumi";
import type { StrategyName } from "./strategyName";
import { WorkloadContribution } from "../components/contribution";
import type { CapacityProvider } from "../config/options";

/**
 * What a strategy attaches its resources to, once the service it reaches exists: plain values
 * (names, ARNs, ids), so the project's own workload and a service built elsewhere look alike
 * (program.ts `workloadTarget` builds it from the workload). The stack-wide values, the AWS
 * context and the log retention, reach a strategy once: in its constructor's args.
 */
export interface AccessTarget {
  clusterArn: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  /** The always-on service whose running tasks operators reach. */
  serviceName: pulumi.Input<string>;
  /** The container operators reach; plain, because the printed commands name it. */
  containerName: string;
  /**
   * The family one-off runs start: "If a revision isn't specified, the latest ACTIVE revision is
   * used" (client-ecs `RunTaskRequest.taskDefinition`).
   */
  taskDefinitionFamily: pulumi.Input<string>;
  taskRoleArn: pulumi.Input<string>;
  executionRoleArn: pulumi.Input<string>;
  /** The container's awslogs group: where a one-off run's output goes. */
  containerLogGroupName: pulumi.Input<string>;
  /** Private subnets and the security group one-off runs get, as the service's tasks do. */
  subnetIds: pulumi.Input<string[]>;
  securityGroupId: pulumi.Input<string>;
  capacityProvider: CapacityProvider;
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

/**
 * A strategy component's options with the alias of its type before version 0.2, when the
 * components lived in a `strategies` module (`fargate-access:strategies:EcsExecAccess`): a stack
 * deployed then keeps every resource under it on `pulumi up` (Pulumi docs, "Resource option:
 * aliases": "the old URN … is treated as the same resource"; children inherit the parent's
 * aliases). The plugin package needs the `index` module (ComponentProvider.validateResourceType).
 */
export function withLegacyType(
  opts: pulumi.ComponentResourceOptions | undefined,
  className: string,
): pulumi.ComponentResourceOptions {
  return { ...opts, aliases: [...(opts?.aliases ?? []), { type: legacyType(className) }] };
}

/** The type token a strategy component had before version 0.2. */
export function legacyType(className: string): string {
  return `fargate-access:strategies:${className}`;
}
