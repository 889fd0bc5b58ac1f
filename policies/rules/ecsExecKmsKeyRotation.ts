import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { judgeEachOfType } from "../lib/judgeEach";
import { execConfigurationOf, execLogGroupOf } from "../lib/execConfiguration";
import { TYPES } from "../lib/resourceTypes";
import { findReferenced } from "../lib/stackLookup";

/** The KMS keys of ECS Exec (session key, log group key) rotate. */
export const ecsExecKmsKeyRotation: StackValidationPolicy = {
  name: "ecs-exec-kms-key-rotation",
  description:
    "KMS keys the stack creates for ECS Exec (the cluster's session key and its log group's key) " +
    "must have automatic rotation on. (Checkov CKV_AWS_7, Security Hub KMS.4)",
  enforcementLevel: "mandatory",
  validateStack: judgeEachOfType(TYPES.cluster, (args, reportViolation) => {
    const reported = new Set<string>();
    const check = (key: PolicyResource | undefined, use: string) => {
      if (key && key.props.enableKeyRotation !== true && !reported.has(key.urn)) {
        reported.add(key.urn);
        reportViolation(
          `KMS key ${key.name} (${use}) does not rotate; set enableKeyRotation: true.`,
          key.urn,
        );
      }
    };
    const keyKeys = ["arn", "id", "keyId"];
    return (cluster) => {
      const exec = execConfigurationOf(cluster.props);
      if (!exec) {
        return;
      }
      check(
        findReferenced(args.resources, TYPES.kmsKey, exec.kmsKeyId, keyKeys),
        `ECS Exec sessions of ${cluster.name}`,
      );
      const logGroup = execLogGroupOf(args.resources, cluster);
      if (logGroup) {
        check(
          findReferenced(args.resources, TYPES.kmsKey, logGroup.props.kmsKeyId, keyKeys),
          `log group ${logGroup.name}`,
        );
      }
    };
  }),
};
