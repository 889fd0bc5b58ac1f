import * as pulumi from "@pulumi/pulumi";
import type { MergedContribution } from "../components/contribution";

/** The cluster's `configuration.executeCommandConfiguration` a strategy needs. */
export interface ExecuteCommandRequirement {
  /** `NONE`, `DEFAULT` or `OVERRIDE` (ECS ExecuteCommandConfiguration.logging). */
  logging: string;
  /** The KMS key that encrypts the session channel, when there is one. */
  kmsKeyId?: string;
  /** The log group session transcripts go to (`OVERRIDE` only). */
  cloudWatchLogGroupName?: string;
  /** Whether that log group is encrypted with a KMS key (the agent then insists on it). */
  cloudWatchEncryptionEnabled?: boolean;
}

/**
 * What the team's task definition, service and cluster must change for the selected strategies,
 * and what the component did for them. The policy pack checks the same things (e.g.
 * `initProcessEnabled`), so a stack that applies these passes it.
 */
export interface ServiceRequirements {
  /** The service's `enableExecuteCommand` must be this. */
  enableExecuteCommand: boolean;
  /** The container's `linuxParameters.initProcessEnabled` must be `true`: it reaps the processes sessions leave behind, and the pack requires it. */
  initProcessEnabled: boolean;
  /** The cluster's execute-command configuration, when a strategy needs one. */
  executeCommandConfiguration?: ExecuteCommandRequirement;
  /** The container's entry point must be this; its command then runs as the entry point's arguments. */
  entryPoint?: string[];
  /** Variables the container's environment must have. */
  environment: Record<string, string>;
  /** Variables every one-off run of the task definition must add to its container overrides. */
  oneOffEnvironment: Record<string, string>;
  /** The task role's inline policy (a JSON policy document), when the strategies need one. */
  taskRolePolicy?: string;
  /** `true` when the component attached `taskRolePolicy` to the task role itself. */
  taskRolePolicyAttached: boolean;
  /** Interface VPC endpoint services the tasks must reach when the subnets have no NAT route. */
  vpcEndpointServices: string[];
}

/** The requirements of a merged contribution, as one output. */
export function serviceRequirements(
  merged: MergedContribution,
  taskRolePolicy: pulumi.Input<string> | undefined,
  taskRolePolicyAttached: boolean,
): pulumi.Output<ServiceRequirements> {
  const execute = merged.executeCommandConfiguration;
  return pulumi.output({
    enableExecuteCommand: merged.enableExecuteCommand,
    initProcessEnabled: true,
    executeCommandConfiguration: execute
      ? pulumi.output(execute).apply((configuration) => ({
          logging: configuration.logging ?? "DEFAULT",
          kmsKeyId: configuration.kmsKeyId,
          cloudWatchLogGroupName: configuration.logConfiguration?.cloudWatchLogGroupName,
          cloudWatchEncryptionEnabled: configuration.logConfiguration?.cloudWatchEncryptionEnabled,
        }))
      : undefined,
    entryPoint: merged.entryPoint,
    environment: merged.environment,
    oneOffEnvironment: merged.oneOffEnvironment,
    taskRolePolicy,
    taskRolePolicyAttached,
    vpcEndpointServices: merged.endpointServices,
  }) as pulumi.Output<ServiceRequirements>;
}
