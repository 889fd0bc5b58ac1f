import type { SharedConfig } from "../config/types";
import { withoutFloatNoise } from "../lib/format";
import { PriceTable } from "./prices";

/** Hours in an average month (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** One line of the estimate: quantity / per × unit price = monthly USD. */
export interface CostLine {
  item: string;
  /** How many `unit`s a month. */
  quantity: number;
  /** Singular, e.g. `vCPU-hour`, `transition`. */
  unit: string;
  /** USD per `per` units. */
  unitPrice: number;
  /** The number of units the unit price is for: 1, or e.g. 1,000 transitions. */
  per: number;
  monthly: number;
}

/** What a strategy's cost lines are computed from. */
export interface CostContext {
  shared: SharedConfig;
  /** The region's prices with the stack's overrides. */
  prices: PriceTable;
}

export function costLine(
  item: string,
  quantity: number,
  unit: string,
  unitPrice: number,
  per = 1,
): CostLine {
  const price = withoutFloatNoise(unitPrice);
  const amount = withoutFloatNoise(quantity);
  return {
    item,
    quantity: amount,
    unit,
    unitPrice: price,
    per,
    monthly: withoutFloatNoise((amount / per) * price),
  };
}

/** Fargate USD per task-hour for the service's size, architecture and capacity provider. */
export function taskHourPrice(config: SharedConfig, prices: PriceTable): number {
  const { cpu, memory, cpuArchitecture, capacityProvider } = config.service;
  const onDemand =
    (cpu / 1024) * prices.fargateVcpuHour[cpuArchitecture] +
    (memory / 1024) * prices.fargateGbHour[cpuArchitecture];
  return capacityProvider === "FARGATE_SPOT" ? onDemand * prices.fargateSpotFactor : onDemand;
}
