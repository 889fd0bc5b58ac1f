import { FakeAwsError, FakeService } from "./fakeService";

/**
 * A strict fake of ECS `DescribeTasks`, the call the Session Manager cleanup makes to learn
 * whether the task behind a disconnected managed instance still runs.
 *
 * Sources:
 * - SDK model docs, node_modules/@aws-sdk/client-ecs/dist-types/models/models_1.d.ts,
 *   DescribeTasksRequest.tasks: "A list of up to 100 task IDs or full ARN entries."
 * - ECS developer guide, "API failure reasons": an unknown task comes back in `failures` with
 *   reason `MISSING`, not as an error. Stopped tasks stay describable for a while (at least an
 *   hour, "Amazon ECS task lifecycle"), then they are MISSING too.
 */

export type FakeTaskStatus =
  | "PROVISIONING"
  | "PENDING"
  | "ACTIVATING"
  | "RUNNING"
  | "DEACTIVATING"
  | "STOPPING"
  | "DEPROVISIONING"
  | "STOPPED";

export interface FakeTask {
  taskArn: string;
  clusterArn: string;
  lastStatus: FakeTaskStatus;
}

export interface FakeEcsState {
  /** Tasks ECS still knows, by ARN. */
  tasks: Map<string, FakeTask>;
}

/** `arn:aws:ecs:region:account:cluster/name` → `name`; a bare name stays as it is. */
function clusterName(cluster: string): string {
  return cluster.split("/").pop() ?? cluster;
}

/** Builds the fake ECS service over `state`. */
export function fakeEcs(state: FakeEcsState): FakeService {
  return {
    DescribeTasks(input) {
      const tasks = (input.tasks as string[] | undefined) ?? [];
      if (tasks.length === 0 || tasks.length > 100) {
        throw new FakeAwsError(
          "InvalidParameterException",
          "Tasks cannot be empty and must contain at most 100 entries.",
        );
      }
      const cluster = clusterName(String(input.cluster ?? "default"));
      const found: FakeTask[] = [];
      const failures: { arn: string; reason: string }[] = [];
      for (const arn of tasks) {
        const task = state.tasks.get(arn);
        if (task && clusterName(task.clusterArn) === cluster) {
          found.push({ ...task });
        } else {
          failures.push({ arn, reason: "MISSING" });
        }
      }
      return { tasks: found, failures };
    },
  };
}

export function emptyEcsState(): FakeEcsState {
  return { tasks: new Map() };
}
