import { StackValidationPolicy } from "@pulumi/policy";
import { judgeEachOfType } from "../lib/judgeEach";
import { execLogGroupOf } from "../lib/execConfiguration";
import { TYPES } from "../lib/resourceTypes";

/** The log group that receives ECS Exec sessions is encrypted with a KMS key. */
export const ecsExecLogGroupEncrypted: StackValidationPolicy = {
  name: "ecs-exec-log-group-encrypted",
  description:
    "The CloudWatch log group a cluster sends ECS Exec sessions to (logging OVERRIDE) must have a " +
    "KMS key: session transcripts can hold anything typed or printed in the container. " +
    "(Checkov CKV_AWS_158 for log groups, CKV_AWS_224)",
  enforcementLevel: "advisory",
  validateStack: judgeEachOfType(TYPES.cluster, (args, reportViolation) => (cluster) => {
    const logGroup = execLogGroupOf(args.resources, cluster);
    if (logGroup && !logGroup.props.kmsKeyId) {
      reportViolation(
        `Log group ${logGroup.name} receives ECS Exec sessions of cluster ${cluster.name} but has no kmsKeyId; ` +
          "set fargate-access:ecsExec.kmsKey to create or a key ARN.",
        logGroup.urn,
      );
    }
  }),
};
