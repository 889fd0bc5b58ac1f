// The closed sets of values config keys take, and the shapes config sections share: a leaf
// module, so the section readers (validate*.ts) and the types (types.ts) both import it and
// neither imports the other.

export const NAT_GATEWAY_OPTIONS = ["none", "single", "onePerAz"] as const;
export type NatGateways = (typeof NAT_GATEWAY_OPTIONS)[number];

export const CPU_ARCHITECTURES = ["X86_64", "ARM64"] as const;
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

export const CAPACITY_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;
export type CapacityProvider = (typeof CAPACITY_PROVIDERS)[number];

export const EXEC_LOGGING_OPTIONS = ["none", "default", "override"] as const;
export type ExecLogging = (typeof EXEC_LOGGING_OPTIONS)[number];

/** Build the image from a local Docker context instead of pulling `service.image`. */
export interface ImageBuildConfig {
  /** Directory with the Dockerfile, relative to the project root. */
  context: string;
  /** Default `Dockerfile` inside `context`. */
  dockerfile?: string;
}

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
