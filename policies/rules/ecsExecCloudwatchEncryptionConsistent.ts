import { StackValidationPolicy } from "@pulumi/policy";
import { judgeEachOfType } from "../lib/judgeEach";
import { execConfigurationOf, execLogGroupOf } from "../lib/execConfiguration";
import { TYPES } from "../lib/resourceTypes";

/**
 * With cloudWatchEncryptionEnabled the SSM agent checks that the log group has a KMS key and
 * refuses to start the session otherwise (aws/amazon-ssm-agent, agent/session/shell/shell.go:
 * `ShellPlugin.validate` returns CloudWatchEncryptionErrorMsg when `IsLogGroupEncryptedWithKMS`
 * is false, i.e. the group has no KmsKeyId).
 */
export const ecsExecCloudwatchEncryptionConsistent: StackValidationPolicy = {
  name: "ecs-exec-cloudwatch-encryption-consistent",
  description:
    "A cluster whose ECS Exec configuration sets cloudWatchEncryptionEnabled must log to a log group " +
    "that has a KMS key: the SSM agent refuses to start sessions otherwise, so exec is broken.",
  enforcementLevel: "mandatory",
  validateStack: judgeEachOfType(TYPES.cluster, (args, reportViolation) => (cluster) => {
    const encrypted = execConfigurationOf(cluster.props)?.logConfiguration
      ?.cloudWatchEncryptionEnabled;
    const logGroup = encrypted === true ? execLogGroupOf(args.resources, cluster) : undefined;
    if (logGroup && !logGroup.props.kmsKeyId) {
      reportViolation(
        `Cluster ${cluster.name} requires encrypted exec logs, but log group ${logGroup.name} has no kmsKeyId, ` +
          "so every ECS Exec session fails to start. Give the group a KMS key (fargate-access:ecsExec.kmsKey: create) " +
          "or turn cloudWatchEncryptionEnabled off.",
        cluster.urn,
      );
    }
  }),
};
