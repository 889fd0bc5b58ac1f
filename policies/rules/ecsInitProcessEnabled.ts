import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseContainerDefinitions } from "../lib/containerDefinitions";
import { forType, TYPES } from "../lib/resourceTypes";

/** Every container runs with an init process (PID 1 that reaps zombies). */
export const ecsInitProcessEnabled: ResourceValidationPolicy = {
  name: "ecs-init-process-enabled",
  description:
    "Containers must set linuxParameters.initProcessEnabled: true. ECS Exec and the SSM agent start " +
    "child processes; without an init process they become zombies that fill the PID table.",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    const containers = parseContainerDefinitions(args.props.containerDefinitions);
    if (!containers) {
      reportViolation("containerDefinitions could not be read as a JSON list of containers.");
      return;
    }
    for (const container of containers) {
      if (container.linuxParameters?.initProcessEnabled !== true) {
        reportViolation(
          `Container ${container.name ?? "(unnamed)"} does not set linuxParameters.initProcessEnabled: true; ` +
            "set it in the container definition (components/containerDefinition.ts does for this program).",
        );
      }
    }
  }),
};
