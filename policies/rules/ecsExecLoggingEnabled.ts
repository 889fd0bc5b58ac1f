import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { tasksOf } from "../model/containers";
import { execConfigurationOf, execLogging } from "../lib/execConfiguration";
import { judgeEachOfType } from "../lib/judgeEach";
import { launcherCluster } from "../lib/launcherCluster";
import { TYPES } from "../lib/resourceTypes";
import { findReferenced, ofType } from "../lib/stackLookup";
import { execTaskDefinition } from "../lib/taskLaunchers";

/** ECS Exec sessions are logged. */
export const ecsExecLoggingEnabled: StackValidationPolicy = {
  name: "ecs-exec-logging-enabled",
  description:
    "A cluster that configures ECS Exec must log the sessions: not logging NONE, and with logging " +
    "DEFAULT every container that exec reaches must use the awslogs log driver, because DEFAULT " +
    "sends session output to the awslogs destination of the container's task definition and " +
    "records nothing for a container without one: the commands typed into a container are the " +
    'audit trail of ad-hoc access. (ECS developer guide, "Monitor Amazon ECS containers with ECS ' +
    'Exec", logging; ExecuteCommandConfiguration.logging; Checkov CKV_AWS_223/224)',
  enforcementLevel: "advisory",
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
      if (exec.logging === "NONE") {
        reportViolation(
          "ECS Exec session logging is NONE; set fargate-access:ecsExec.logging to override.",
          cluster.urn,
        );
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
