import { FieldReader } from "./fieldReader";
import { Field, SectionValue, field, readFields } from "./schema";
import { PRICE_OVERRIDE_KEYS, PriceOverrideKey } from "./options";

/** `fargate-access:cost`: the assumptions of the monthly estimate (`COST_FIELDS`). */
export type CostConfig = Omit<SectionValue<typeof COST_FIELDS>, "prices"> & {
  prices: Partial<Record<PriceOverrideKey, number>>;
};

/** What each price override is (the recorded values: `cost/prices.ts`). */
const PRICE_DOCS: Record<PriceOverrideKey, string> = {
  fargateVcpuHour: "USD per vCPU-hour, for the stack's CPU architecture",
  fargateGbHour: "USD per GB-hour, for the stack's CPU architecture",
  fargateSpotFactor: "Fargate Spot as a fraction of on-demand, e.g. 0.3",
  natGatewayHour: "USD per NAT gateway-hour",
  natGatewayGb: "USD per GB through a NAT gateway",
  interfaceEndpointAzHour: "USD per interface endpoint per AZ-hour",
  interfaceEndpointGb: "USD per GB through the interface endpoints",
  ssmAdvancedInstanceHour: "USD per advanced-tier managed instance-hour",
  stepFunctionsPer1000Transitions: "USD per 1,000 state transitions",
  cloudWatchLogsIngestGb: "USD per GB of logs ingested",
  kmsKeyMonth: "USD per KMS key-month",
};

/** `fargate-access:cost.prices`: prices replacing the recorded ones; absent: the recorded one. */
export const PRICE_FIELDS = Object.fromEntries(
  PRICE_OVERRIDE_KEYS.map((key) => [
    key,
    field.optionalNumber(0, { defaultText: "recorded", doc: PRICE_DOCS[key] }),
  ]),
) as Record<PriceOverrideKey, Field<number | undefined>>;

/** `fargate-access:cost`: the assumptions of the monthly estimate (no resources). */
export const COST_FIELDS = {
  dataProcessedGbPerMonth: field.number(0, 10, {
    doc: "GB a month the tasks exchange with AWS, through the endpoints (or the NAT without them)",
  }),
  logIngestionGbPerMonth: field.number(0, 1, { doc: "GB of logs a month" }),
  stepFunctionsRunsPerMonth: field.number(0, 30, {
    doc: "runs of the state machine a month (15 transitions each: three commands, no environment)",
  }),
  stepFunctionsRunMinutes: field.number(0, 10, { doc: "how long one run's task lives" }),
  prices: field.section(
    PRICE_FIELDS,
    {
      defaultText: "recorded",
      doc: "prices replacing those recorded for the region in `cost/prices.ts`, one key each",
    },
    (prices) => prices,
  ),
};

/** Validates `fargate-access:cost`. */
export function readCostConfig(section: FieldReader): CostConfig {
  const { prices, ...assumptions } = readFields(COST_FIELDS, section);
  return { ...assumptions, prices: prices ?? {} };
}
