import { ResourceValidationPolicy } from "@pulumi/policy";
import { containerName, parseContainerDefinitions } from "../lib/containerDefinitions";
import { forType, TYPES } from "../lib/resourceTypes";

/** No container runs privileged. */
export const ecsContainerNotPrivileged: ResourceValidationPolicy = {
  name: "ecs-container-not-privileged",
  description:
    "Containers must not be privileged: a privileged container holds every Linux capability and the " +
    "host's devices. (Security Hub ECS.4, NIST SP 800-190)",
  enforcementLevel: "mandatory",
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    for (const container of parseContainerDefinitions(args.props.containerDefinitions) ?? []) {
      if (container.privileged === true) {
        reportViolation(
          `Container ${containerName(container)} is privileged; remove privileged: true.`,
        );
      }
    }
  }),
};
