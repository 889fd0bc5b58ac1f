import type { StrategyConfigs, StrategyName } from "../strategies/registry";
import type { SectionValue } from "./schema";
import type { COST_FIELDS } from "./validateCost";
import type { CREATE_NETWORK_FIELDS, EXISTING_NETWORK_FIELDS } from "./validateNetwork";
import type { SERVICE_FIELDS } from "./validateService";

export const NAT_GATEWAY_OPTIONS = ["none", "single", "onePerAz"] as const;
export type NatGateways = (typeof NAT_GATEWAY_OPTIONS)[number];

export const CPU_ARCHITECTURES = ["X86_64", "ARM64"] as const;
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

export const CAPACITY_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;
export type CapacityProvider = (typeof CAPACITY_PROVIDERS)[number];

export const EXEC_LOGGING_OPTIONS = ["none", "default", "override"] as const;
export type ExecLogging = (typeof EXEC_LOGGING_OPTIONS)[number];

/** `fargate-access:network` with `mode: create`: a new VPC built by awsx. */
export type CreateNetworkConfig = SectionValue<typeof CREATE_NETWORK_FIELDS> & { mode: "create" };

/** `fargate-access:network` with `mode: existing`: reuse a VPC and its private subnets. */
export type ExistingNetworkConfig = Omit<
  SectionValue<typeof EXISTING_NETWORK_FIELDS>,
  "vpcId" | "privateSubnetIds"
> & { mode: "existing"; vpcId: string; privateSubnetIds: string[] };

export type NetworkConfig = CreateNetworkConfig | ExistingNetworkConfig;

/** Build the image from a local Docker context instead of pulling `service.image`. */
export interface ImageBuildConfig {
  /** Directory with the Dockerfile, relative to the project root. */
  context: string;
  /** Default `Dockerfile` inside `context`. */
  dockerfile?: string;
}

/** `fargate-access:service`; its keys, defaults and meanings: `SERVICE_FIELDS`. */
export type ServiceConfig = SectionValue<typeof SERVICE_FIELDS>;

/** Price keys `fargate-access:cost.prices` may override (Fargate ones for the stack's arch). */
export const PRICE_OVERRIDE_KEYS = [
  "fargateVcpuHour",
  "fargateGbHour",
  "fargateSpotFactor",
  "natGatewayHour",
  "natGatewayGb",
  "interfaceEndpointAzHour",
  "interfaceEndpointGb",
  "ssmAdvancedInstanceHour",
  "stepFunctionsPer1000Transitions",
  "cloudWatchLogsIngestGb",
  "kmsKeyMonth",
] as const;
export type PriceOverrideKey = (typeof PRICE_OVERRIDE_KEYS)[number];

/** `fargate-access:cost`: the assumptions of the monthly estimate (`COST_FIELDS`). */
export type CostConfig = Omit<SectionValue<typeof COST_FIELDS>, "prices"> & {
  prices: Partial<Record<PriceOverrideKey, number>>;
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

/** The validated, defaulted stack configuration: the shared sections and one per strategy. */
export type StackConfig = SharedConfig & {
  /** The selected strategies, in the registry's order. */
  strategies: StrategyName[];
} & StrategyConfigs;

/**
 * Stack config as read, before validation: every key may be missing or of any type, and keys
 * the program does not know may be present (validation refuses them).
 */
export interface RawConfig {
  [key: string]: unknown;
}
