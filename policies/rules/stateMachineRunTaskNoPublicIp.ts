import { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { forType, TYPES } from "../lib/resourceTypes";
import { launchersOf } from "../model/launchers";

/** No ECS run-task integration of a state machine asks for a public IP. */
export const stateMachineRunTaskNoPublicIp: ResourceValidationPolicy = {
  name: "state-machine-run-task-no-public-ip",
  description:
    "State-machine states that start ECS tasks (ecs:runTask, .sync, .waitForTaskToken, and the " +
    "aws-sdk:ecs integrations that start tasks), and states that create launchers through the " +
    "SDK (scheduler:createSchedule, eventbridge:putTargets, pipes:createPipe, " +
    "batch:registerJobDefinition), in either query language and at any nesting depth, must not " +
    "set AssignPublicIp to anything but DISABLED. (Security Hub ECS.2)",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    const read = readDefinition(args.props.definition);
    if (read.kind === "invalid") {
      reportViolation(`Cannot check run-task states: ${read.reason}.`);
      return;
    }
    for (const { where, integration, networks } of launchersOf(args as unknown as PolicyResource)) {
      for (const assign of networks.map((network) => network.assignPublicIp)) {
        if (assign !== undefined && assign !== "DISABLED") {
          reportViolation(
            `State ${where} (${integration}) sets AssignPublicIp to ${JSON.stringify(assign)}; set it to DISABLED.`,
          );
        }
      }
    }
  }),
};
