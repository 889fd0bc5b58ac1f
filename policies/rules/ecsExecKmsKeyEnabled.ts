import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { execConfigurationOf, execLogGroupOf } from "../lib/execConfiguration";
import { judgeEachOfType } from "../lib/judgeEach";
import { isDisabledKey, keyReferenced } from "../lib/kmsKeys";
import { TYPES } from "../lib/resourceTypes";

/** The KMS keys of ECS Exec (session key, log group key) are enabled. */
export const ecsExecKmsKeyEnabled: StackValidationPolicy = {
  name: "ecs-exec-kms-key-enabled",
  description:
    "KMS keys the stack creates for ECS Exec (the cluster's session key, by ARN, id or alias, and " +
    "its log group's key) must be enabled: a disabled key encrypts nothing, so sessions cannot be " +
    "encrypted and their transcripts cannot be written, while the stack looks configured. " +
    '(AWS KMS cryptographic details, "Enabling and disabling keys")',
  enforcementLevel: "mandatory",
  validateStack: judgeEachOfType(TYPES.cluster, (args, reportViolation) => {
    const reported = new Set<string>();
    const check = (key: PolicyResource | undefined, use: string) => {
      if (key && isDisabledKey(key) && !reported.has(key.urn)) {
        reported.add(key.urn);
        reportViolation(
          `KMS key ${key.name} (${use}) is disabled, so it encrypts nothing; enable it (isEnabled: true).`,
          key.urn,
        );
      }
    };
    return (cluster) => {
      const exec = execConfigurationOf(cluster.props);
      if (!exec) {
        return;
      }
      check(keyReferenced(args.resources, exec.kmsKeyId), `ECS Exec sessions of ${cluster.name}`);
      const logGroup = execLogGroupOf(args.resources, cluster);
      if (logGroup) {
        check(keyReferenced(args.resources, logGroup.props.kmsKeyId), `log group ${logGroup.name}`);
      }
    };
  }),
};
