/** The access strategies a stack can select with `fargate-access:strategies`. */
export const STRATEGY_NAMES = ["ecsExec", "sessionManager", "stepFunctions"] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export const NAT_GATEWAY_OPTIONS = ["none", "single", "onePerAz"] as const;
export type NatGateways = (typeof NAT_GATEWAY_OPTIONS)[number];

export const CPU_ARCHITECTURES = ["X86_64", "ARM64"] as const;
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

export const CAPACITY_PROVIDERS = ["FARGATE", "FARGATE_SPOT"] as const;
export type CapacityProvider = (typeof CAPACITY_PROVIDERS)[number];

export const EXEC_LOGGING_OPTIONS = ["none", "default", "override"] as const;
export type ExecLogging = (typeof EXEC_LOGGING_OPTIONS)[number];

/** `fargate-access:network` with `mode: create`: a new VPC built by awsx. */
export interface CreateNetworkConfig {
  mode: "create";
  /** Default `10.0.0.0/16`. */
  cidrBlock: string;
  /** Default 2; 1 to 6. */
  availabilityZones: number;
  /** Default `none` (endpoints only). */
  natGateways: NatGateways;
  /** Default `true` in create mode. */
  vpcEndpoints: boolean;
}

/** `fargate-access:network` with `mode: existing`: reuse a VPC and its private subnets. */
export interface ExistingNetworkConfig {
  mode: "existing";
  vpcId: string;
  privateSubnetIds: string[];
  /** Default `false` in existing mode: the VPC is assumed to already reach AWS. */
  vpcEndpoints: boolean;
  /**
   * Default `[]`. Endpoint services the VPC already has (e.g. `ssm`, `logs`, `s3`): not created
   * again; a second interface endpoint with private DNS, or a second S3 gateway endpoint on the
   * same route tables, is refused by EC2. Their security groups must allow 443 from the tasks.
   */
  existingEndpointServices: string[];
}

export type NetworkConfig = CreateNetworkConfig | ExistingNetworkConfig;

/** Build the image from a local Docker context instead of pulling `service.image`. */
export interface ImageBuildConfig {
  /** Directory with the Dockerfile, relative to the project root. */
  context: string;
  /** Default `Dockerfile` inside `context`. */
  dockerfile?: string;
}

export interface ServiceConfig {
  /** Image URI; required unless `build` is set (the two conflict). */
  image?: string;
  /**
   * Default `false`. Pull `image` (from public.ecr.aws, registry.k8s.io or quay.io) through an
   * ECR pull-through cache rule the stack creates, so tasks without NAT can pull it.
   */
  pullThroughCache: boolean;
  build?: ImageBuildConfig;
  /** Default `app`. */
  containerName: string;
  /** Default 256 (CPU units). */
  cpu: number;
  /** Default 512 (MiB); must be a valid Fargate pair with `cpu`. */
  memory: number;
  /** Default 1. */
  desiredCount: number;
  /** Optional container command override. */
  command?: string[];
  /** Default `X86_64`. */
  cpuArchitecture: CpuArchitecture;
  /** Default `FARGATE`. */
  capacityProvider: CapacityProvider;
}

export interface EcsExecConfig {
  /** Default `override`: sessions are logged to an encrypted CloudWatch log group. */
  logging: ExecLogging;
  /** `create` (default), `none`, or an existing KMS key ARN. */
  kmsKey: "create" | "none" | { arn: string };
  /** Default `[]`: no operator role is created. */
  operatorPrincipals: string[];
}

export interface SessionManagerConfig {
  /** Only `advanced` works: Session Manager needs the advanced tier for hybrid instances. */
  instanceTier: "advanced";
  /** Default 24; 1 to 720. */
  activationExpiryHours: number;
  /** Default `rate(1 hour)`. */
  cleanupSchedule: string;
  /** Default `[]`. */
  operatorPrincipals: string[];
  /** Default `false`: `pulumi destroy` leaves the account-wide tier setting in place. */
  resetTierOnDestroy: boolean;
  /** Optional SNS topic ARN the cleanup alarms notify; default none (alarms only show in CloudWatch). */
  alarmTopicArn?: string;
  /** Optional reserved concurrency of the cleanup function (1 to 1000); default none (unreserved). */
  reservedConcurrency?: number;
  /**
   * Default 0 (never): hours after which the sweep deregisters a ConnectionLost instance even
   * though its task still runs. 0 to 8760.
   */
  staleAfterHours: number;
}

export interface StepFunctionsConfig {
  /** Default 3600; 60 to 86400. */
  timeoutSeconds: number;
  /** Default `true`: log the commands that ran. */
  includeExecutionData: boolean;
  /** Default `[]`. */
  operatorPrincipals: string[];
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

/** `fargate-access:cost`: the assumptions of the monthly estimate. */
export interface CostConfig {
  /** Default 10: GB a month the tasks exchange with AWS (through NAT or the endpoints). */
  dataProcessedGbPerMonth: number;
  /** Default 1: GB of logs a month. */
  logIngestionGbPerMonth: number;
  /** Default 30: Step Functions runs a month. */
  stepFunctionsRunsPerMonth: number;
  /** Default 10: minutes one run's task lives. */
  stepFunctionsRunMinutes: number;
  /** USD prices replacing the recorded ones; default none. */
  prices: Partial<Record<PriceOverrideKey, number>>;
}

/** The validated, defaulted stack configuration. */
export interface StackConfig {
  strategies: StrategyName[];
  /** Default 30; a value CloudWatch Logs accepts. */
  logRetentionDays: number;
  network: NetworkConfig;
  service: ServiceConfig;
  ecsExec: EcsExecConfig;
  sessionManager: SessionManagerConfig;
  stepFunctions: StepFunctionsConfig;
  cost: CostConfig;
}

/**
 * Stack config as read, before validation: every key may be missing or of any type, and keys
 * the program does not know may be present (validation refuses them).
 */
export interface RawConfig {
  [key: string]: unknown;
  strategies?: unknown;
  logRetentionDays?: unknown;
  network?: unknown;
  service?: unknown;
  ecsExec?: unknown;
  sessionManager?: unknown;
  stepFunctions?: unknown;
  cost?: unknown;
}
