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
