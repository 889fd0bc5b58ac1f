import { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import { forType, TYPES } from "../lib/resourceTypes";
import { launchersOf } from "../model/launchers";

/** Whoever starts an execution cannot choose a run-task's public IP, subnets or security groups. */
export const stateMachineRunTaskNetworkFixed: ResourceValidationPolicy = {
  name: "state-machine-run-task-network-fixed",
  description:
    "The network of every ECS task a state machine starts must be written in the definition: a " +
    "JSONPath `.$` key (NetworkConfiguration.$, AwsvpcConfiguration.$, AssignPublicIp.$, Subnets.$, " +
    "SecurityGroups.$), a JSONata `{% %}` expression, or a request taken whole from the input lets " +
    "whoever starts an execution pick a public IP, a public subnet or an open security group. " +
    "Also for states that create launchers through the SDK (a schedule, a rule target, a pipe, a " +
    "Batch job definition).",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    for (const { where, integration, networks } of launchersOf(args as unknown as PolicyResource)) {
      const fromInput = networks.flatMap((network) => network.fromInput);
      if (fromInput.length > 0) {
        reportViolation(
          `State ${where} (${integration}) takes its network from the execution: ${fromInput.join("; ")}. ` +
            "Write NetworkConfiguration.AwsvpcConfiguration (Subnets, SecurityGroups, AssignPublicIp: DISABLED) as literals.",
        );
      }
    }
  }),
};
