import type { ConfigOf, OutputsOf, StrategyModule } from "./strategyModule";
import { ecsExec } from "./ecsExec";
import { sessionManager } from "./sessionManager";
import { stepFunctions } from "./stepFunctions";

/**
 * Every access strategy, by the name `fargate-access:strategies` selects it with. The one place
 * besides its folder where a strategy is named: a folder missing here does not compile (its
 * files name themselves as a {@link StrategyName}), and everything else (config, endpoints,
 * cost, doctor, outputs, README tables) is read from these modules. The order is canonical:
 * outputs, cost lines and resources follow it, whatever the order of the stack's list.
 */
export const STRATEGIES = {
  ecsExec,
  sessionManager,
  stepFunctions,
} satisfies Record<string, StrategyModule>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

/** Each strategy's validated config section. */
export type StrategyConfigs = { [K in StrategyName]: ConfigOf<(typeof STRATEGIES)[K]> };
/** Every output name a strategy can add. */
export type StrategyOutputName = OutputsOf<(typeof STRATEGIES)[StrategyName]>;

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGIES, name);
}
