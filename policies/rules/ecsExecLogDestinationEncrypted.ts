import { ResourceValidationPolicy } from "@pulumi/policy";
import { execConfigurationOf } from "../lib/execConfiguration";
import { forType, TYPES } from "../lib/resourceTypes";

/** ECS Exec session logs are written with encryption required. */
export const ecsExecLogDestinationEncrypted: ResourceValidationPolicy = {
  name: "ecs-exec-log-destination-encrypted",
  description:
    "With logging OVERRIDE, every ECS Exec log destination must require encryption " +
    "(cloudWatchEncryptionEnabled for a log group, s3EncryptionEnabled for a bucket). (Checkov CKV_AWS_224)",
  enforcementLevel: "advisory",
  validateResource: forType(TYPES.cluster, (args, reportViolation) => {
    const exec = execConfigurationOf(args.props);
    const destination = exec?.logConfiguration;
    if (exec?.logging !== "OVERRIDE" || !destination) {
      return;
    }
    if (destination.cloudWatchLogGroupName && destination.cloudWatchEncryptionEnabled !== true) {
      reportViolation(
        `ECS Exec logs go to log group ${destination.cloudWatchLogGroupName} without cloudWatchEncryptionEnabled; turn it on (and give the group a KMS key).`,
      );
    }
    if (destination.s3BucketName && destination.s3EncryptionEnabled !== true) {
      reportViolation(
        `ECS Exec logs go to bucket ${destination.s3BucketName} without s3EncryptionEnabled; turn it on.`,
      );
    }
  }),
};
