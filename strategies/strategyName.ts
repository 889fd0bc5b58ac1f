/**
 * The access strategies, by the name `fargate-access:strategies` selects each with, in canonical
 * order (outputs, cost lines and resources follow it, whatever the order of the stack's list).
 * A leaf module: everything below the registry (config, cost, doctor, operator, lib) names a
 * strategy through this type, so nothing low imports the registry (no import cycles). The
 * registry (`registry.ts`) must hold one module per name, in this order (`test/strategies/
 * registry.test.ts`); a strategy folder whose name is missing here does not compile.
 */
export const STRATEGY_NAMES = ["ecsExec", "sessionManager", "stepFunctions"] as const;

export type StrategyName = (typeof STRATEGY_NAMES)[number];

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}
