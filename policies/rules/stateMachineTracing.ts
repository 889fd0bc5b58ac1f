import { ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";

/** State machines trace with X-Ray. */
export const stateMachineTracing: ResourceValidationPolicy = {
  name: "state-machine-tracing",
  description:
    "State machines must enable X-Ray tracing, so a slow or failing run can be followed into ECS. " +
    "(cdk-nag SF2, Checkov CKV_AWS_284)",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    const tracing = args.props.tracingConfiguration as { enabled?: boolean } | undefined;
    if (tracing?.enabled !== true) {
      reportViolation("tracingConfiguration.enabled is not true; turn X-Ray tracing on.");
    }
  }),
};
