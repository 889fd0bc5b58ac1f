import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeContainers } from "../lib/judgeContainers";

/** No container runs privileged. */
export const ecsContainerNotPrivileged: ResourceValidationPolicy = {
  name: "ecs-container-not-privileged",
  description:
    "Containers must not be privileged: a privileged container holds every Linux capability and the " +
    "host's devices. Fargate rejects it (ECS API reference ContainerDefinition privileged: \"not " +
    'supported for Windows containers or tasks run on Fargate"), EC2 and Batch on EC2 run it. ' +
    'Read in any key case and as the string "true". (Security Hub ECS.4, NIST SP 800-190)',
  enforcementLevel: "mandatory",
  validateResource: judgeContainers(() => ({
    reads: ["privileged"],
    judgeContainer: (container, report) => {
      if (container.privileged === true) {
        report(`Container ${container.name} is privileged; remove privileged: true.`);
      }
    },
  })),
};
