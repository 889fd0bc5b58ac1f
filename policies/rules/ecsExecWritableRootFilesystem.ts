import { StackValidationPolicy } from "@pulumi/policy";
import { allResources, judgeEach } from "../lib/judgeEach";
import { TYPES } from "../lib/resourceTypes";
import { findReferenced } from "../lib/stackLookup";
import { execTaskDefinition } from "../lib/taskLaunchers";
import { Container, tasksOf } from "../model/containers";

/**
 * The paths the ECS-managed SSM agent writes to inside the container. With a read-only root file
 * system the agent crashes soon after launch and exec fails, unless these are writable volumes
 * (aws/containers-roadmap#1359; aws-containers/amazon-ecs-exec-checker#21).
 */
export const EXEC_AGENT_PATHS = ["/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm"];

function unwritableAgentPaths(container: Container): string[] {
  if (container.readonlyRootFilesystem !== true) {
    return [];
  }
  const writable = container.mountPoints.filter((mount) => !mount.readOnly);
  return EXEC_AGENT_PATHS.filter(
    (path) =>
      !writable.some(({ containerPath }) => {
        const base = (containerPath ?? "").replace(/\/+$/, "");
        return base !== "" && (path === base || path.startsWith(`${base}/`));
      }),
  );
}

/** ECS Exec is not turned on for containers whose root file system the agent cannot write. */
export const ecsExecWritableRootFilesystem: StackValidationPolicy = {
  name: "ecs-exec-writable-root-filesystem",
  description:
    "Tasks started with ECS Exec (services, EventBridge targets, schedules, pipes) must not run " +
    "containers with readonlyRootFilesystem unless the SSM agent's paths are writable volumes: the " +
    "agent cannot start and every execute-command fails. (aws/containers-roadmap#1359)",
  enforcementLevel: "mandatory",
  validateStack: judgeEach(allResources, (args, reportViolation) => (launcher) => {
    const reference = execTaskDefinition(launcher.type, launcher.props);
    const taskDefinition = findReferenced(args.resources, TYPES.taskDefinition, reference, [
      "arn",
      "arnWithoutRevision",
      "family",
      "id",
    ]);
    if (!taskDefinition) {
      return;
    }
    for (const container of tasksOf(taskDefinition).flatMap((task) => task.containers)) {
      const missing = unwritableAgentPaths(container);
      if (missing.length > 0) {
        reportViolation(
          `ECS Exec is on, but container ${container.name} of ${taskDefinition.name} has a read-only root file system ` +
            `and no writable volume at ${missing.join(", ")}; the exec agent cannot start. ` +
            "Turn readonlyRootFilesystem off or mount writable volumes there.",
          launcher.urn,
        );
      }
    }
  }),
};
