/** On-demand list prices, USD, for one region: the only place prices live. */
export interface PriceTable {
  /** Fargate Linux per vCPU-hour and per GB-hour, by CPU architecture. */
  fargateVcpuHour: { X86_64: number; ARM64: number };
  fargateGbHour: { X86_64: number; ARM64: number };
  /** Fargate Spot as a fraction of on-demand (Spot prices move; this is an assumption). */
  fargateSpotFactor: number;
  natGatewayHour: number;
  natGatewayGb: number;
  /** Interface VPC endpoint per endpoint per AZ-hour, and per GB processed. */
  interfaceEndpointAzHour: number;
  interfaceEndpointGb: number;
  /** SSM advanced tier per managed instance-hour. */
  ssmAdvancedInstanceHour: number;
  /** Step Functions Standard per 1,000 state transitions, after the monthly free ones. */
  stepFunctionsPer1000Transitions: number;
  stepFunctionsFreeTransitions: number;
  cloudWatchLogsIngestGb: number;
  kmsKeyMonth: number;
}

export interface RegionPrices {
  /** The day the figures were copied from the AWS pricing pages. */
  takenOn: string;
  source: string;
  prices: PriceTable;
}

const SOURCE =
  "AWS pricing pages (Fargate, VPC, PrivateLink, Systems Manager, Step Functions, CloudWatch, KMS)";

/**
 * Prices by region, as recorded on `takenOn` (not fetched at run time; a build machine here has no
 * internet). Override any of them with `fargate-access:cost.prices`.
 */
export const PRICES: Record<string, RegionPrices> = {
  "ap-northeast-1": {
    takenOn: "2026-11-24",
    source: SOURCE,
    prices: {
      fargateVcpuHour: { X86_64: 0.05056, ARM64: 0.04045 },
      fargateGbHour: { X86_64: 0.00553, ARM64: 0.00442 },
      fargateSpotFactor: 0.3,
      natGatewayHour: 0.062,
      natGatewayGb: 0.062,
      interfaceEndpointAzHour: 0.014,
      interfaceEndpointGb: 0.01,
      ssmAdvancedInstanceHour: 0.00695,
      stepFunctionsPer1000Transitions: 0.025,
      stepFunctionsFreeTransitions: 4000,
      cloudWatchLogsIngestGb: 0.76,
      kmsKeyMonth: 1,
    },
  },
  "us-east-1": {
    takenOn: "2026-11-24",
    source: SOURCE,
    prices: {
      fargateVcpuHour: { X86_64: 0.04048, ARM64: 0.03238 },
      fargateGbHour: { X86_64: 0.004445, ARM64: 0.00356 },
      fargateSpotFactor: 0.3,
      natGatewayHour: 0.045,
      natGatewayGb: 0.045,
      interfaceEndpointAzHour: 0.01,
      interfaceEndpointGb: 0.01,
      ssmAdvancedInstanceHour: 0.00695,
      stepFunctionsPer1000Transitions: 0.025,
      stepFunctionsFreeTransitions: 4000,
      cloudWatchLogsIngestGb: 0.5,
      kmsKeyMonth: 1,
    },
  },
};

/** The region whose prices stand in for a region without a table (with a warning). */
export const FALLBACK_REGION = "us-east-1";
