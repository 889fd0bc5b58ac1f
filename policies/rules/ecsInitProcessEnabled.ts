import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeContainers } from "../lib/judgeContainers";
import { isKnown, isWindows, RunnableTask } from "../model/containers";

/**
 * Linux containers of ECS task definitions (either provider) and of AWS Batch jobs that run on
 * Fargate. Windows tasks are exempt: `linuxParameters` "is not supported for Windows containers"
 * (ECS API reference ContainerDefinition linuxParameters; the ECS developer guide's Windows
 * task definition considerations list it among the unsupported parameters).
 */
function needsInitProcess(task: RunnableTask): boolean {
  if (isWindows(task)) return false;
  return task.kind === "taskDefinition" || task.compatibilities.includes("FARGATE");
}

/** Every Linux container runs with an init process (PID 1 that reaps zombies). */
export const ecsInitProcessEnabled: ResourceValidationPolicy = {
  name: "ecs-init-process-enabled",
  description:
    "Containers must set linuxParameters.initProcessEnabled: true. ECS Exec and the SSM agent start " +
    "child processes; without an init process they become zombies that fill the PID table. " +
    "Judged for every Linux container of ECS task definitions (aws, aws-native) and Fargate Batch jobs.",
  enforcementLevel: "mandatory",
  validateResource: judgeContainers(() => ({
    appliesTo: needsInitProcess,
    reads: ["linuxParameters"],
    judgeTask: (task, report) => {
      if (task.unreadable) report(`${task.unreadable}.`);
    },
    judgeContainer: (container, report) => {
      if (container.initProcessEnabled !== true && isKnown(container, "linuxParameters")) {
        report(
          `Container ${container.name} does not set linuxParameters.initProcessEnabled: true; ` +
            "set it in the container definition (components/containerDefinition.ts does for this program).",
        );
      }
    },
  })),
};
