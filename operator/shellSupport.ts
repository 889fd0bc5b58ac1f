import type { StackOutputs } from "../lib/stackOutputs";
import type { StrategyName } from "../strategies/strategyName";
import type { AwsSession } from "./session";

// What a strategy offers `npm run shell`: types only, below the registry (the strategies'
// modules name them; shell.ts, which picks a strategy from the registry, uses them).

/** What `npm run shell` will run, and what stands in its way. */
export interface ShellPlan {
  strategy: StrategyName;
  /** The task ARN (ECS Exec) or managed instance id (Session Manager). */
  target?: string;
  /** Arguments of the `aws` CLI call that opens the session. */
  awsArgs?: string[];
  /** Why no session can start at all (no running task, agent down). */
  blocker?: string;
  /** Programs missing on this machine, each with where to get it. */
  missing: { program: string; install: string }[];
  notes: string[];
}

/** What a strategy that opens sessions in the running task does for `npm run shell`. */
export interface ShellSupport {
  /** Why `--command` does not apply, when the strategy opens an interactive shell only. */
  refusesCommand?: string;
  /** What would open a session now (the target, the `aws` call), or what stands in the way. */
  plan(session: AwsSession, outputs: StackOutputs, request: ShellRequest): Promise<ShellPlan>;
}

export interface ShellRequest {
  stack: string;
  /** The command to run; `sh` for an interactive shell. */
  command: string;
}
