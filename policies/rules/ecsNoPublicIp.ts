import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseDefinition, runTaskStates } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";

/** No ECS service, task set or state-machine run-task gets a public IP. */
export const ecsNoPublicIp: ResourceValidationPolicy = {
  name: "ecs-no-public-ip",
  description:
    "Tasks must not get public IPs: a task with one is reachable from the internet whenever a " +
    "security group rule slips. Run in private subnets and reach AWS through NAT or VPC endpoints. " +
    "(Security Hub ECS.2, Checkov CKV_AWS_333)",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === TYPES.service || args.type === TYPES.taskSet) {
      const network = args.props.networkConfiguration as { assignPublicIp?: boolean } | undefined;
      if (network?.assignPublicIp === true) {
        reportViolation(
          "networkConfiguration.assignPublicIp is true; set it to false and use private subnets.",
        );
      }
      return;
    }
    if (args.type !== TYPES.stateMachine) {
      return;
    }
    const definition = parseDefinition(args.props.definition);
    if (!definition) {
      reportViolation(
        "The state machine definition could not be parsed as JSON, so run-task states were not checked.",
      );
      return;
    }
    for (const { path, state } of runTaskStates(definition)) {
      const parameters = (state.Parameters ?? {}) as Record<
        string,
        Record<string, Record<string, unknown>>
      >;
      if (parameters["NetworkConfiguration.$"] !== undefined) {
        reportViolation(
          `State ${path} takes its NetworkConfiguration from the input; fix AssignPublicIp: DISABLED in the definition.`,
        );
        continue;
      }
      const assign = parameters.NetworkConfiguration?.AwsvpcConfiguration?.AssignPublicIp;
      if (assign !== undefined && assign !== "DISABLED") {
        reportViolation(
          `State ${path} runs tasks with AssignPublicIp: ${String(assign)}; set it to DISABLED.`,
        );
      }
    }
  },
};
