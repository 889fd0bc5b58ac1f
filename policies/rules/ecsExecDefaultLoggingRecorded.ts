import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { tasksOf } from "../model/containers";
import { execConfigurationOf, execLogging } from "../lib/execConfiguration";
import { judgeEachOfType } from "../lib/judgeEach";
import { launcherCluster } from "../lib/launcherCluster";
import { TYPES } from "../lib/resourceTypes";
import { findReferenced, ofType } from "../lib/stackLookup";
import { execTaskDefinition } from "../lib/taskLaunchers";

/**
 * Logging DEFAULT records sessions only where the container logs through awslogs: ECS sends the
 * session output to "the awslogs configuration in the task definition", and "if no awslogs log
 * driver is configured in the task definition, the output won't be logged" (client-ecs
 * ExecuteCommandConfiguration.logging). Unlike NONE, which says so, DEFAULT without awslogs looks
 * logged and is not: mandatory.
 */
export const ecsExecDefaultLoggingRecorded: StackValidationPolicy = {
  name: "ecs-exec-default-logging-recorded",
  description:
    "With ECS Exec logging DEFAULT, every container that exec reaches must use the awslogs log " +
    "driver: DEFAULT sends session output to the container's awslogs destination and records " +
    'nothing for a container without one. (ECS developer guide, "Monitor Amazon ECS containers ' +
    'with ECS Exec", logging; ExecuteCommandConfiguration.logging)',
  enforcementLevel: "mandatory",
  validateStack: judgeEachOfType(TYPES.cluster, (args, reportViolation) => {
    // Indexed once: a stack with many services and clusters stays linear.
    const taskDefinitions = new Map<unknown, PolicyResource>();
    for (const definition of ofType(args.resources, TYPES.taskDefinition)) {
      for (const key of ["arn", "arnWithoutRevision", "family", "id"]) {
        const reference = definition.props[key];
        if (typeof reference === "string" && !taskDefinitions.has(reference)) {
          taskDefinitions.set(reference, definition);
        }
      }
    }
    return (cluster) => {
      const exec = execConfigurationOf(cluster.props);
      if (!exec) {
        return;
      }
      if (execLogging(exec) !== "DEFAULT") {
        return;
      }
      for (const launcher of args.resources) {
        const reference = execTaskDefinition(launcher.type, launcher.props);
        const inCluster = findReferenced(
          [cluster],
          TYPES.cluster,
          launcherCluster(launcher.type, launcher.props),
        );
        const taskDefinition =
          reference === undefined || !inCluster ? undefined : taskDefinitions.get(reference);
        const containers = taskDefinition
          ? tasksOf(taskDefinition).flatMap((task) => task.containers)
          : [];
        for (const container of containers.filter((c) => c.logDriver !== "awslogs")) {
          reportViolation(
            `ECS Exec logging is DEFAULT, but container ${container.name} of ${taskDefinition?.name} ` +
              `(started with exec by ${launcher.name}) has log driver ${container.logDriver ?? "none"}, ` +
              "so its sessions are not recorded; give it the awslogs driver or set " +
              "fargate-access:ecsExec.logging to override.",
            launcher.urn,
          );
        }
      }
    };
  }),
};
