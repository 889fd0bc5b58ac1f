import { FakeAwsError } from "./fakeService";
import type { RunTaskBehaviour } from "./localStateMachine";

/** How the one-off task ends, as ECS would report it. */
export interface TaskOutcome {
  /** RunTask answered with these failures and started nothing (e.g. no Fargate capacity). */
  failures?: string[];
  /** Exit code of the (single, essential) container; absent when it never ran. */
  exitCode?: number;
  stoppedReason?: string;
  stopCode?: string;
}

export const FAKE_TASK_ARN = "arn:aws:ecs:ap-northeast-1:123456789012:task/c/0123456789abcdef";

/**
 * The Step Functions ECS integration `arn:aws:states:::ecs:runTask.sync`, as AWS runs it:
 *
 * - RunTask answering with `Failures` (no task started) fails the state with
 *   `AmazonECS.Unknown` (AWS parity notes in the floci-io/floci#1564 review; issue 12 §5).
 * - A task whose essential container exits non-zero, or that stops before the container ran
 *   (CannotPullContainerError, no ExitCode), fails the state with `States.TaskFailed`, and the
 *   error's Cause is the stopped task as JSON with the integration's PascalCase keys
 *   (aws/copilot-cli#3160: "If an essential container exits with a non-zero exit code, then the
 *   States.TaskFailed error status is returned"; "If the container fails to come up at all ...
 *   States.TaskFailed").
 * - Otherwise the result is the stopped task (DescribeTasks), PascalCase.
 *
 * The request shape itself is checked before this runs (`startLocalExecution`, through
 * `ecsRunTaskContract.ts`). The n-th call ends as the n-th outcome (the last one repeats).
 */
export function fakeRunTaskSync(
  outcomes: TaskOutcome[],
  taskArn = FAKE_TASK_ARN,
): RunTaskBehaviour {
  let calls = 0;
  return (input) => {
    calls++;
    const outcome = outcomes[Math.min(calls, outcomes.length) - 1] ?? {};
    if (outcome.failures?.length) {
      throw new FakeAwsError(
        "AmazonECS.Unknown",
        JSON.stringify({ Failures: outcome.failures.map((Reason) => ({ Reason })), Tasks: [] }),
      );
    }
    const overrides = input.Overrides as { ContainerOverrides: { Name: string }[] };
    const task = {
      TaskArn: taskArn,
      LastStatus: "STOPPED",
      StopCode: outcome.stopCode ?? "EssentialContainerExited",
      StoppedReason: outcome.stoppedReason ?? "Essential container in task exited",
      Containers: [
        {
          Name: overrides.ContainerOverrides[0].Name,
          LastStatus: "STOPPED",
          ...(outcome.exitCode === undefined ? {} : { ExitCode: outcome.exitCode }),
        },
      ],
    };
    if (outcome.exitCode !== 0) {
      throw new FakeAwsError("States.TaskFailed", JSON.stringify(task));
    }
    return task;
  };
}
