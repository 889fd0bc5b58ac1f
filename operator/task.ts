import type { StackOutputs } from "../lib/stackOutputs";
import { UsageError } from "../offline/stackFiles";
import { STRATEGIES, STRATEGY_NAMES, StrategyName } from "../strategies/registry";
import type { StrategyModule } from "../strategies/strategyModule";
import { TaskArgs } from "./args";
import { CommandIo } from "./io";
import { AwsSession } from "./session";

/** What a strategy that runs one-off tasks does for `npm run task`. */
export interface TaskSupport {
  /** Runs `args.command` in a new task, follows it, and resolves to the exit code to end with. */
  run(args: TaskArgs, outputs: StackOutputs, session: AwsSession, io: CommandIo): Promise<number>;
}

/** The strategies with a {@link TaskSupport}, in the registry's order. */
export const TASK_STRATEGIES: readonly StrategyName[] = STRATEGY_NAMES.filter(
  (name) => (STRATEGIES[name] as StrategyModule).task !== undefined,
);

/** The strategy `npm run task` goes through: the first task strategy the stack selects. */
export function chooseTaskStrategy(outputs: StackOutputs, stack: string): StrategyName {
  const chosen = TASK_STRATEGIES.find((name) => outputs.strategies.includes(name));
  if (!chosen) {
    throw new UsageError(
      `stack ${stack} does not select ${TASK_STRATEGIES.join(" or ")} (strategies: ${outputs.strategies.join(", ")}); add it to fargate-access:strategies and run pulumi up.`,
    );
  }
  return chosen;
}

/** The task support of a strategy (loaded on first use: it brings its AWS SDK clients). */
export async function taskSupportOf(strategy: StrategyName): Promise<TaskSupport> {
  const load = (STRATEGIES[strategy] as StrategyModule).task;
  if (!load)
    throw new UsageError(`${strategy} runs no one-off task; use ${TASK_STRATEGIES.join(" or ")}.`);
  return load();
}
