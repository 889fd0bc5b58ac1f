import { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../lib/resourceTypes";

interface ExecConfiguration {
  logging?: string;
  kmsKeyId?: string;
  logConfiguration?: {
    cloudWatchEncryptionEnabled?: boolean;
    s3EncryptionEnabled?: boolean;
    cloudWatchLogGroupName?: string;
    s3BucketName?: string;
  };
}

/** ECS Exec sessions are logged, encrypted, and the log destination is encrypted too. */
export const ecsExecLoggingEncrypted: ResourceValidationPolicy = {
  name: "ecs-exec-logging-encrypted",
  description:
    "When a cluster configures ECS Exec, sessions must be encrypted with a KMS key and, with logging " +
    "OVERRIDE, written to an encrypted destination: exec sessions are the audit trail of ad-hoc commands. " +
    "(Checkov CKV_AWS_223, CKV_AWS_224)",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.cluster) {
      return;
    }
    const exec = (
      args.props.configuration as { executeCommandConfiguration?: ExecConfiguration } | undefined
    )?.executeCommandConfiguration;
    if (!exec) {
      return;
    }
    if (!exec.kmsKeyId) {
      reportViolation(
        "ECS Exec sessions are not encrypted with a KMS key; set fargate-access:ecsExec.kmsKey to create or a key ARN.",
      );
    }
    if (exec.logging === "NONE") {
      reportViolation(
        "ECS Exec session logging is NONE; set fargate-access:ecsExec.logging to override.",
      );
    }
    const destination = exec.logConfiguration;
    if (exec.logging === "OVERRIDE" && destination) {
      const cloudWatchUnencrypted =
        destination.cloudWatchLogGroupName && destination.cloudWatchEncryptionEnabled !== true;
      const s3Unencrypted = destination.s3BucketName && destination.s3EncryptionEnabled !== true;
      if (cloudWatchUnencrypted || s3Unencrypted) {
        reportViolation(
          "The ECS Exec log destination is not encrypted; enable cloudWatchEncryptionEnabled / s3EncryptionEnabled.",
        );
      }
    }
  },
};
