import type { StackConfig } from "../config/stackConfig";
import { STRATEGIES } from "../strategies/registry";
import { StrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";

/** Interface endpoints every Fargate task needs without NAT: image pull and logs. */
export const BASE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "logs"] as const;

/** The interface endpoints to create: the base set plus what strategies asked for, sorted. */
export function endpointServiceNames(strategyServices: readonly string[]): string[] {
  return [...new Set([...BASE_ENDPOINT_SERVICES, ...strategyServices])].sort();
}

/**
 * The interface VPC endpoint services a strategy's tasks must reach, as its configuration
 * decides (its module's `endpointServices`). Pure: the program and the cost estimate both read it.
 */
export function strategyEndpointServices(strategy: StrategyName, config: StackConfig): string[] {
  const module: StrategyModule = STRATEGIES[strategy];
  return [...module.endpointServices(config[strategy])];
}
