import { ECSClient } from "@aws-sdk/client-ecs";
import { SSMClient } from "@aws-sdk/client-ssm";
import {
  CleanupClients,
  CleanupSettings,
  CleanupSummary,
  cleanUpStoppedTask,
  emptySummary,
  sweepStack,
} from "./ssmCleanup";

/** The two ways the function is invoked: an ECS task state change, or its schedule. */
export interface TaskStoppedEvent {
  source: "aws.ecs";
  "detail-type": "ECS Task State Change";
  detail: { clusterArn: string; taskArn: string; lastStatus: string };
}

/** Reads the settings the stack gives the function; a missing one is a deployment bug. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): CleanupSettings {
  const read = (name: string): string => {
    const value = env[name];
    if (!value) {
      throw new Error(`The cleanup function needs the environment variable ${name}.`);
    }
    return value;
  };
  const staleAfterHours = Number(env.STALE_AFTER_HOURS ?? "0");
  if (!Number.isFinite(staleAfterHours) || staleAfterHours < 0) {
    throw new Error(
      `STALE_AFTER_HOURS must be a number of hours ≥ 0, not ${env.STALE_AFTER_HOURS}.`,
    );
  }
  return {
    stackTagValue: read("STACK_TAG_VALUE"),
    activationRoleName: read("ACTIVATION_ROLE_NAME"),
    clusterArn: read("CLUSTER_ARN"),
    staleAfterHours,
  };
}

function isTaskStoppedEvent(event: unknown): event is TaskStoppedEvent {
  const candidate = event as Partial<TaskStoppedEvent> | undefined;
  return (
    candidate?.["detail-type"] === "ECS Task State Change" &&
    typeof candidate.detail?.taskArn === "string" &&
    typeof candidate.detail.clusterArn === "string"
  );
}

/** Cleans up after one event and returns (and logs) the summary; throws when anything failed. */
export async function runCleanup(
  event: unknown,
  clients: CleanupClients,
  settings: CleanupSettings,
  log: (line: string) => void = console.log,
): Promise<CleanupSummary> {
  let summary: CleanupSummary;
  if (isTaskStoppedEvent(event)) {
    if (event.detail.clusterArn !== settings.clusterArn || event.detail.lastStatus !== "STOPPED") {
      log(JSON.stringify({ ignored: "event of another cluster or status" }));
      return emptySummary("task-stopped");
    }
    summary = await cleanUpStoppedTask(clients, settings, event.detail.taskArn);
  } else {
    summary = await sweepStack(clients, settings);
  }
  log(JSON.stringify(summary));
  if (summary.failed > 0) {
    // Failing the invocation lets Lambda retry it and, after that, park it in the DLQ.
    throw new Error(`Cleanup failed for ${summary.failed} item(s): ${summary.failures.join(", ")}`);
  }
  return summary;
}

let clients: CleanupClients | undefined;

/**
 * The Lambda entry point. The clients are made on first use (after the test's mocks, if any) with
 * the SDK's retries off: `withRetry` retries throttling and transient errors with its own
 * back-off, so one layer decides and no call is attempted 6 × 3 times.
 */
export async function handler(event: unknown): Promise<CleanupSummary> {
  clients ??= { ssm: new SSMClient({ maxAttempts: 1 }), ecs: new ECSClient({ maxAttempts: 1 }) };
  return runCleanup(event, clients, settingsFromEnvironment(process.env));
}
