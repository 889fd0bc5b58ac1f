import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "./resourceTypes";
import { findReferenced } from "./stackLookup";

/** A cluster's `configuration.executeCommandConfiguration` (Pulumi aws.ecs.Cluster input). */
export interface ExecConfiguration {
  logging?: string;
  kmsKeyId?: string;
  logConfiguration?: {
    cloudWatchEncryptionEnabled?: boolean;
    s3EncryptionEnabled?: boolean;
    cloudWatchLogGroupName?: string;
    s3BucketName?: string;
  };
}

export function execConfigurationOf(props: Record<string, unknown>): ExecConfiguration | undefined {
  const configuration = props.configuration as
    { executeCommandConfiguration?: ExecConfiguration } | undefined;
  return configuration?.executeCommandConfiguration;
}

/** The logging mode ECS applies: DEFAULT when unset (ECS API ExecuteCommandConfiguration.logging). */
export function execLogging(exec: ExecConfiguration): string {
  return exec.logging ?? "DEFAULT";
}

/** The stack's log group a cluster sends ECS Exec sessions to (logging OVERRIDE), if any. */
export function execLogGroupOf(
  resources: PolicyResource[],
  cluster: PolicyResource,
): PolicyResource | undefined {
  const name = execConfigurationOf(cluster.props)?.logConfiguration?.cloudWatchLogGroupName;
  return findReferenced(resources, TYPES.logGroup, name, ["name", "id"]);
}
