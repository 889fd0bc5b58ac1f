import { ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";

/** State machines log every event: the execution history is the audit trail of who ran what. */
export const stateMachineLogging: ResourceValidationPolicy = {
  name: "state-machine-logging",
  description:
    "State machines must log at level ALL to CloudWatch Logs: the execution history is the audit " +
    "trail of who ran which command. (cdk-nag SF1, Checkov CKV_AWS_285)",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      level: { type: "string", enum: ["ALL", "ERROR", "FATAL"], default: "ALL" },
    },
  },
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    const order = ["OFF", "FATAL", "ERROR", "ALL"];
    const wanted = args.getConfig<{ level?: string }>().level ?? "ALL";
    const logging = args.props.loggingConfiguration as { level?: string } | undefined;
    const level = logging?.level ?? "OFF";
    if (order.indexOf(level) < order.indexOf(wanted)) {
      reportViolation(
        `loggingConfiguration.level is ${level}; set it to ${wanted} (with a log destination).`,
      );
    }
  }),
};
