import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "./iam";

type ExecuteCommandConfiguration =
  aws.types.input.ecs.ClusterConfigurationExecuteCommandConfiguration;

/**
 * What one access strategy needs from the shared workload before the workload exists. The
 * workload merges these; it never imports a strategy, and no contribution renames a resource.
 */
export interface WorkloadContribution {
  /** The strategy asking, for error messages. */
  source: string;
  /** Turns on `enableExecuteCommand` on the service (also mounts the SSM agent into tasks). */
  enableExecuteCommand?: boolean;
  /** Cluster `configuration.executeCommandConfiguration`; at most one strategy may set it. */
  executeCommandConfiguration?: pulumi.Input<ExecuteCommandConfiguration>;
  /** Extra container environment variables; two strategies may not set the same name. */
  environment?: Record<string, pulumi.Input<string>>;
  /**
   * Replaces the container entry point; the service command still runs, as its arguments.
   * At most one strategy may set it.
   */
  entryPoint?: string[];
  /** Interface VPC endpoint services the tasks must reach, e.g. `ssmmessages`. */
  endpointServices?: string[];
  /**
   * Variables every one-off run (a new task a strategy starts from the task definition, e.g. the
   * Step Functions run-task) must add to its container overrides, e.g. a switch that tells the
   * entry point not to register the run as a managed instance.
   */
  oneOffEnvironment?: Record<string, string>;
  /**
   * An inline policy for the task role. The workload creates it, under this logical name, before
   * the service, and the service depends on it: the first tasks start with every permission.
   */
  taskRolePolicy?: TaskRolePolicy;
}

/** Facts about the workload a task-role statement may refer to. */
export interface TaskRoleFacts {
  /** ARN of the container's awslogs log group. */
  containerLogGroupArn: pulumi.Output<string>;
}

export interface TaskRolePolicy {
  /** Logical name of the RolePolicy; stable, derived from the strategy's component name. */
  name: string;
  statements: (workload: TaskRoleFacts) => PolicyStatement[];
}

/** The contributions of all selected strategies, merged. */
export interface MergedContribution {
  enableExecuteCommand: boolean;
  executeCommandConfiguration?: pulumi.Input<ExecuteCommandConfiguration>;
  environment: Record<string, pulumi.Input<string>>;
  entryPoint?: string[];
  endpointServices: string[];
  oneOffEnvironment: Record<string, string>;
  taskRolePolicies: TaskRolePolicy[];
}

/** Merges contributions; throws when two of them claim the same single-owner setting. */
export function mergeContributions(contributions: WorkloadContribution[]): MergedContribution {
  return {
    enableExecuteCommand: contributions.some((c) => c.enableExecuteCommand === true),
    executeCommandConfiguration: singleOwner(contributions, "executeCommandConfiguration"),
    environment: mergeVariables(contributions, "environment"),
    entryPoint: singleOwner(contributions, "entryPoint"),
    endpointServices: [...new Set(contributions.flatMap((c) => c.endpointServices ?? []))].sort(),
    oneOffEnvironment: mergeVariables(contributions, "oneOffEnvironment") as Record<string, string>,
    taskRolePolicies: contributions.flatMap((c) => (c.taskRolePolicy ? [c.taskRolePolicy] : [])),
  };
}

/** Merges one variables map of every contribution; two strategies may not set the same name. */
function mergeVariables(
  contributions: WorkloadContribution[],
  key: "environment" | "oneOffEnvironment",
): Record<string, pulumi.Input<string>> {
  const merged: Record<string, pulumi.Input<string>> = {};
  const owner: Record<string, string> = {};
  for (const contribution of contributions) {
    for (const [name, value] of Object.entries(contribution[key] ?? {})) {
      if (owner[name] !== undefined) {
        throw new Error(
          `Both ${owner[name]} and ${contribution.source} set the container variable ${name}.`,
        );
      }
      owner[name] = contribution.source;
      merged[name] = value;
    }
  }
  return merged;
}

function singleOwner<K extends "executeCommandConfiguration" | "entryPoint">(
  contributions: WorkloadContribution[],
  key: K,
): WorkloadContribution[K] {
  const owners = contributions.filter((c) => c[key] !== undefined);
  if (owners.length > 1) {
    throw new Error(
      `Only one strategy may set ${key}; ${owners.map((c) => c.source).join(" and ")} both do.`,
    );
  }
  return owners[0]?.[key];
}
