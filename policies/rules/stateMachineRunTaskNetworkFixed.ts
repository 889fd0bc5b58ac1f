import { ResourceValidationPolicy } from "@pulumi/policy";
import { ecsTaskStatesOf } from "../lib/asl";
import { forType, TYPES } from "../lib/resourceTypes";

/** Whoever starts an execution cannot choose a run-task's public IP, subnets or security groups. */
export const stateMachineRunTaskNetworkFixed: ResourceValidationPolicy = {
  name: "state-machine-run-task-network-fixed",
  description:
    "The network of every ECS task a state machine starts must be written in the definition: a " +
    "JSONPath `.$` key (NetworkConfiguration.$, AwsvpcConfiguration.$, AssignPublicIp.$, Subnets.$, " +
    "SecurityGroups.$), a JSONata `{% %}` expression, or a request taken whole from the input lets " +
    "whoever starts an execution pick a public IP, a public subnet or an open security group.",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    for (const { path, integration, network } of ecsTaskStatesOf(args.type, args.props)) {
      if (network.fromInput.length > 0) {
        reportViolation(
          `State ${path} (${integration}) takes its network from the execution: ${network.fromInput.join("; ")}. ` +
            "Write NetworkConfiguration.AwsvpcConfiguration (Subnets, SecurityGroups, AssignPublicIp: DISABLED) as literals.",
        );
      }
    }
  }),
};
