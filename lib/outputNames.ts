import { STRATEGIES } from "../strategies/registry";
import type { StrategyModule } from "../strategies/strategyModule";
import { STRATEGY_NAMES } from "../strategies/strategyName";
import { SHARED_OUTPUT_DOCS } from "./stackOutputs";

// Output names as the strategies' modules declare them: apart from the stack-output type
// (stackOutputs.ts), which the strategies themselves import and so must not load the registry.

/** Every output name a stack may have, shared first, then each strategy's in registry order. */
export function allOutputNames(): string[] {
  return [
    ...Object.keys(SHARED_OUTPUT_DOCS),
    ...STRATEGY_NAMES.flatMap((name) => Object.keys(STRATEGIES[name].outputs)),
  ];
}

/**
 * Outputs read from a stack deployed by an earlier version carry the names of that version:
 * each is given its current name (a strategy's module lists its renamed outputs).
 */
export function withCurrentNames(outputs: Record<string, unknown>): Record<string, unknown> {
  const renamed = { ...outputs };
  for (const name of STRATEGY_NAMES) {
    const module: StrategyModule = STRATEGIES[name];
    for (const [old, current] of Object.entries(module.renamedOutputs ?? {})) {
      if (renamed[old] !== undefined && renamed[current] === undefined) {
        renamed[current] = renamed[old];
        delete renamed[old];
      }
    }
  }
  return renamed;
}
