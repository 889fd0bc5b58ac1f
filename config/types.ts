// The validated config's types. Each section's type is declared beside the reader that
// produces it (validate*.ts) and re-exported here; `StackConfig`, which adds the strategies'
// sections, is in stackConfig.ts, so nothing a strategy imports depends on the strategies.
import type { CostConfig } from "./validateCost";
import type { CreateNetworkConfig, ExistingNetworkConfig, NetworkConfig } from "./validateNetwork";
import type { ServiceConfig } from "./validateService";

export * from "./options";
export type {
  CostConfig,
  CreateNetworkConfig,
  ExistingNetworkConfig,
  NetworkConfig,
  ServiceConfig,
};

/** The stack-wide sections every strategy may read. */
export interface SharedConfig {
  /** `fargate-access:productionLike`, else decided by the stack name (lib/productionLike.ts). */
  productionLike: boolean;
  /** Default 30; a value CloudWatch Logs accepts. */
  logRetentionDays: number;
  network: NetworkConfig;
  service: ServiceConfig;
  cost: CostConfig;
}

/**
 * Stack config as read, before validation: every key may be missing or of any type, and keys
 * the program does not know may be present (validation refuses them).
 */
export interface RawConfig {
  [key: string]: unknown;
}
