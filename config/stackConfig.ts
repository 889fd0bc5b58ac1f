import type { StrategyConfigs } from "../strategies/strategyConfigs";
import type { StrategyName } from "../strategies/strategyName";
import type { SharedConfig } from "./types";

/** The validated, defaulted stack configuration: the shared sections and one per strategy. */
export type StackConfig = SharedConfig & {
  /** The selected strategies, in the registry's order. */
  strategies: StrategyName[];
} & StrategyConfigs;
