import { ResourceValidationPolicy } from "@pulumi/policy";
import { requireOfType, TYPES } from "../lib/resourceTypes";

/** State machines trace with X-Ray. */
export const stateMachineTracing: ResourceValidationPolicy = {
  name: "state-machine-tracing",
  description:
    "State machines must enable X-Ray tracing, so a slow or failing run can be followed into ECS. " +
    "(cdk-nag SF2, Checkov CKV_AWS_284)",
  enforcementLevel: "mandatory",
  validateResource: requireOfType(
    TYPES.stateMachine,
    (props) => (props.tracingConfiguration as { enabled?: boolean } | undefined)?.enabled === true,
    "tracingConfiguration.enabled is not true; turn X-Ray tracing on.",
  ),
};
