import { ResourceValidationPolicy } from "@pulumi/policy";
import { execConfigurationOf } from "../lib/execConfiguration";
import { forType, TYPES } from "../lib/resourceTypes";

/** ECS Exec sessions are logged. */
export const ecsExecLoggingEnabled: ResourceValidationPolicy = {
  name: "ecs-exec-logging-enabled",
  description:
    "A cluster that configures ECS Exec must log the sessions (logging DEFAULT or OVERRIDE, not " +
    "NONE): the commands typed into a container are the audit trail of ad-hoc access. (Checkov CKV_AWS_223/224)",
  enforcementLevel: "advisory",
  validateResource: forType(TYPES.cluster, (args, reportViolation) => {
    if (execConfigurationOf(args.props)?.logging === "NONE") {
      reportViolation(
        "ECS Exec session logging is NONE; set fargate-access:ecsExec.logging to override.",
      );
    }
  }),
};
