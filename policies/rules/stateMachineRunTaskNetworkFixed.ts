import { ResourceValidationPolicy } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";

/** Whoever starts an execution cannot choose a run-task's public IP, subnets or security groups. */
export const stateMachineRunTaskNetworkFixed: ResourceValidationPolicy = {
  name: "state-machine-run-task-network-fixed",
  description:
    "The network of every ECS task a state machine starts must be written in the definition: a " +
    "JSONPath `.$` key (NetworkConfiguration.$, AwsvpcConfiguration.$, AssignPublicIp.$, Subnets.$, " +
    "SecurityGroups.$), a JSONata `{% %}` expression, or a request taken whole from the input lets " +
    "whoever starts an execution pick a public IP, a public subnet or an open security group.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.stateMachine) {
      return;
    }
    const read = readDefinition(args.props.definition);
    if (read.kind === "invalid") {
      return; // state-machine-run-task-no-public-ip reports an unreadable definition once
    }
    for (const { path, integration, network } of read.definition.ecsTaskStates) {
      if (network.fromInput.length > 0) {
        reportViolation(
          `State ${path} (${integration}) takes its network from the execution: ${network.fromInput.join("; ")}. ` +
            "Write NetworkConfiguration.AwsvpcConfiguration (Subnets, SecurityGroups, AssignPublicIp: DISABLED) as literals.",
        );
      }
    }
  },
};
