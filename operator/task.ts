import type { StackOutputs } from "../lib/stackOutputs";
import { UsageError } from "../offline/stackFiles";
import { STRATEGIES } from "../strategies/registry";
import { STRATEGY_NAMES, StrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import type { TaskSupport } from "./taskSupport";

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
