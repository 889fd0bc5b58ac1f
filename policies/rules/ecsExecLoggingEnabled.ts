import { StackValidationPolicy } from "@pulumi/policy";
import { execConfigurationOf } from "../lib/execConfiguration";
import { judgeEachOfType } from "../lib/judgeEach";
import { TYPES } from "../lib/resourceTypes";

/**
 * ECS Exec sessions are logged: not logging NONE. Advisory, because NONE is a choice the stack
 * states (`fargate-access:ecsExec.logging: none`); DEFAULT that records nothing is not, and is
 * ecs-exec-default-logging-recorded's (mandatory).
 */
export const ecsExecLoggingEnabled: StackValidationPolicy = {
  name: "ecs-exec-logging-enabled",
  description:
    "A cluster that configures ECS Exec should log the sessions (not logging NONE): the commands " +
    "typed into a container are the audit trail of ad-hoc access. (Checkov CKV_AWS_223/224)",
  enforcementLevel: "advisory",
  validateStack: judgeEachOfType(TYPES.cluster, (_args, reportViolation) => (cluster) => {
    if (execConfigurationOf(cluster.props)?.logging === "NONE") {
      reportViolation(
        "ECS Exec session logging is NONE; set fargate-access:ecsExec.logging to override.",
        cluster.urn,
      );
    }
  }),
};
