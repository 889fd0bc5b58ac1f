import { ResourceValidationPolicy } from "@pulumi/policy";
import { execConfigurationOf, execLogging } from "../lib/execConfiguration";
import { forType, TYPES } from "../lib/resourceTypes";

/** ECS Exec sessions are encrypted with a customer managed KMS key. */
export const ecsExecSessionEncrypted: ResourceValidationPolicy = {
  name: "ecs-exec-session-encrypted",
  description:
    "A cluster that configures ECS Exec must encrypt the session data between the client and the " +
    "container with a KMS key (kmsKeyId); logging DEFAULT or OVERRIDE without a key leaves that to " +
    "TLS alone. (Checkov CKV_AWS_224)",
  enforcementLevel: "advisory",
  validateResource: forType(TYPES.cluster, (args, reportViolation) => {
    const exec = execConfigurationOf(args.props);
    if (exec && !exec.kmsKeyId) {
      reportViolation(
        `ECS Exec (logging ${execLogging(exec)}) sessions are not encrypted with a KMS key; set fargate-access:ecsExec.kmsKey to create or a key ARN.`,
      );
    }
  }),
};
