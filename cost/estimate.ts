import { StackConfig, STRATEGY_NAMES, StrategyName } from "../config/types";
import { endpointServiceNames, strategyEndpointServices } from "../lib/endpointServices";
import { formatNumber, formatPrice, plural, withoutFloatNoise } from "../lib/format";
import { FALLBACK_REGION, PRICES, PriceTable } from "./prices";

/** Hours in an average month (8,760 / 12). */
const HOURS_PER_MONTH = 730;

/**
 * State transitions of one successful run of the state machine with three commands and no
 * environment: ValidateInput, HasEnvironment, NoEnvironment, InspectInput, CheckShape, the
 * command check (map entry plus two per command), the (empty) variable check, RunTask,
 * Succeeded. The Step Functions test runs the definition and counts them.
 */
export const TRANSITIONS_PER_RUN = 15;

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

export interface CostEstimate {
  region: string;
  /** The region whose prices were used (differs when the region has no table). */
  pricedAs: string;
  takenOn: string;
  lines: CostLine[];
  total: number;
  /** What each strategy adds to this stack, selected or not. */
  strategies: { strategy: StrategyName; selected: boolean; monthly: number }[];
  natVersusEndpoints: {
    natMonthly: number;
    endpointsMonthly: number;
    /** GB a month above which endpoints are cheaper; 0 when they always are, null when never. */
    breakEvenGb: number | null;
  };
  warnings: string[];
}

function line(item: string, quantity: number, unit: string, unitPrice: number, per = 1): CostLine {
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

/** The region's prices with the stack's overrides applied, for its CPU architecture. */
function effectivePrices(
  config: StackConfig,
  region: string,
): { prices: PriceTable; pricedAs: string; takenOn: string; warnings: string[] } {
  const known = PRICES[region];
  const warnings = known
    ? []
    : [
        `No recorded prices for ${region}; the estimate uses ${FALLBACK_REGION} prices. Set fargate-access:cost.prices to correct it.`,
      ];
  const base = known ?? PRICES[FALLBACK_REGION];
  const arch = config.service.cpuArchitecture;
  const { fargateVcpuHour, fargateGbHour, ...scalars } = config.cost.prices;
  const prices: PriceTable = {
    ...base.prices,
    ...scalars,
    fargateVcpuHour: {
      ...base.prices.fargateVcpuHour,
      ...(fargateVcpuHour === undefined ? {} : { [arch]: fargateVcpuHour }),
    },
    fargateGbHour: {
      ...base.prices.fargateGbHour,
      ...(fargateGbHour === undefined ? {} : { [arch]: fargateGbHour }),
    },
  };
  return { prices, pricedAs: known ? region : FALLBACK_REGION, takenOn: base.takenOn, warnings };
}

function natGatewayCount(config: StackConfig): number {
  const network = config.network;
  if (network.mode !== "create") return 0;
  return { none: 0, single: 1, onePerAz: network.availabilityZones }[network.natGateways];
}

function availabilityZones(config: StackConfig): number {
  return config.network.mode === "create"
    ? config.network.availabilityZones
    : config.network.privateSubnetIds.length;
}

/** Fargate USD per task-hour for the service's size, architecture and capacity provider. */
function taskHourPrice(config: StackConfig, prices: PriceTable): number {
  const { cpu, memory, cpuArchitecture, capacityProvider } = config.service;
  const onDemand =
    (cpu / 1024) * prices.fargateVcpuHour[cpuArchitecture] +
    (memory / 1024) * prices.fargateGbHour[cpuArchitecture];
  return capacityProvider === "FARGATE_SPOT" ? onDemand * prices.fargateSpotFactor : onDemand;
}

function endpointHourly(count: number, config: StackConfig, prices: PriceTable): number {
  return count * availabilityZones(config) * HOURS_PER_MONTH * prices.interfaceEndpointAzHour;
}

/** What one strategy adds to this stack a month (its endpoints, tier, key, runs). */
function strategyMonthly(
  strategy: StrategyName,
  config: StackConfig,
  prices: PriceTable,
  baseEndpoints: Set<string>,
): number {
  const extraEndpoints = config.network.vpcEndpoints
    ? strategyEndpointServices(strategy, config.ecsExec).filter((s) => !baseEndpoints.has(s)).length
    : 0;
  return endpointHourly(extraEndpoints, config, prices) + STRATEGY_EXTRAS[strategy](config, prices);
}

/**
 * What each strategy costs besides its endpoints. Keyed by every strategy name: a new strategy
 * without an entry does not compile (instead of silently costing nothing).
 */
const STRATEGY_EXTRAS: Record<StrategyName, (config: StackConfig, prices: PriceTable) => number> = {
  ecsExec: (config, prices) => (config.ecsExec.kmsKey === "create" ? prices.kmsKeyMonth : 0),
  // The advanced tier per instance-hour, plus the KMS key that encrypts session transcripts.
  sessionManager: (config, prices) =>
    config.service.desiredCount * HOURS_PER_MONTH * prices.ssmAdvancedInstanceHour +
    prices.kmsKeyMonth,
  stepFunctions: (config, prices) =>
    stepFunctionsMonthly(config, prices).reduce((sum, l) => sum + l.monthly, 0),
};

function stepFunctionsMonthly(config: StackConfig, prices: PriceTable): CostLine[] {
  const { stepFunctionsRunsPerMonth: runs, stepFunctionsRunMinutes: minutes } = config.cost;
  const billable = Math.max(0, runs * TRANSITIONS_PER_RUN - prices.stepFunctionsFreeTransitions);
  return [
    line(
      `Step Functions transitions (${runs} runs × ${TRANSITIONS_PER_RUN}, first ${formatNumber(prices.stepFunctionsFreeTransitions)} free)`,
      billable,
      "transition",
      prices.stepFunctionsPer1000Transitions,
      1000,
    ),
    line(
      `Step Functions run tasks (${runs} runs × ${minutes} min)`,
      (runs * minutes) / 60,
      "task-hour",
      taskHourPrice(config, prices),
    ),
  ];
}

/** The monthly estimate of a stack as configured. Pure: prices and assumptions come in. */
export function estimateCost(config: StackConfig, region: string): CostEstimate {
  const { prices, pricedAs, takenOn, warnings } = effectivePrices(config, region);
  const { service, cost } = config;
  const arch = service.cpuArchitecture;
  const spot = service.capacityProvider === "FARGATE_SPOT" ? prices.fargateSpotFactor : 1;
  const taskHours = service.desiredCount * HOURS_PER_MONTH;
  const lines: CostLine[] = [
    line(
      `Fargate vCPU (${service.desiredCount} × ${service.cpu / 1024} vCPU, ${arch}, ${service.capacityProvider})`,
      taskHours * (service.cpu / 1024),
      "vCPU-hour",
      prices.fargateVcpuHour[arch] * spot,
    ),
    line(
      `Fargate memory (${service.desiredCount} × ${service.memory / 1024} GB)`,
      taskHours * (service.memory / 1024),
      "GB-hour",
      prices.fargateGbHour[arch] * spot,
    ),
  ];

  const nats = natGatewayCount(config);
  const endpoints = config.network.vpcEndpoints
    ? endpointServiceNames(
        config.strategies.flatMap((s) => strategyEndpointServices(s, config.ecsExec)),
      )
    : [];
  if (nats > 0) {
    lines.push(
      line(`NAT gateways (${nats})`, nats * HOURS_PER_MONTH, "NAT-hour", prices.natGatewayHour),
    );
  }
  if (endpoints.length > 0) {
    lines.push(
      line(
        `Interface endpoints (${endpoints.join(", ")} × ${plural(availabilityZones(config), "AZ")})`,
        endpoints.length * availabilityZones(config) * HOURS_PER_MONTH,
        "endpoint-AZ-hour",
        prices.interfaceEndpointAzHour,
      ),
    );
  }
  // Traffic to AWS takes the endpoints when there are any, the NAT gateways otherwise.
  if (endpoints.length > 0 || nats > 0) {
    lines.push(
      endpoints.length > 0
        ? line(
            "Endpoint data processed",
            cost.dataProcessedGbPerMonth,
            "GB",
            prices.interfaceEndpointGb,
          )
        : line("NAT data processed", cost.dataProcessedGbPerMonth, "GB", prices.natGatewayGb),
    );
  }
  if (config.strategies.includes("ecsExec") && config.ecsExec.kmsKey === "create") {
    lines.push(line("KMS key for exec sessions", 1, "key-month", prices.kmsKeyMonth));
  }
  if (config.strategies.includes("sessionManager")) {
    lines.push(
      line(
        `SSM advanced tier (${plural(service.desiredCount, "managed instance")})`,
        taskHours,
        "instance-hour",
        prices.ssmAdvancedInstanceHour,
      ),
      line("KMS key for session transcripts", 1, "key-month", prices.kmsKeyMonth),
    );
  }
  if (config.strategies.includes("stepFunctions")) {
    lines.push(...stepFunctionsMonthly(config, prices));
  }
  lines.push(
    line(
      "CloudWatch Logs ingestion",
      cost.logIngestionGbPerMonth,
      "GB",
      prices.cloudWatchLogsIngestGb,
    ),
  );

  const base = new Set<string>(endpointServiceNames([]));
  const strategies = STRATEGY_NAMES.map((strategy) => ({
    strategy,
    selected: config.strategies.includes(strategy),
    monthly: withoutFloatNoise(strategyMonthly(strategy, config, prices, base)),
  }));

  const allEndpoints = endpointServiceNames(
    config.strategies.flatMap((s) => strategyEndpointServices(s, config.ecsExec)),
  ).length;
  const natFixed = HOURS_PER_MONTH * prices.natGatewayHour;
  const endpointFixed = endpointHourly(allEndpoints, config, prices);
  const gb = cost.dataProcessedGbPerMonth;
  const perGbSaving = prices.natGatewayGb - prices.interfaceEndpointGb;
  const breakEvenGb =
    endpointFixed <= natFixed
      ? 0
      : perGbSaving > 0
        ? (endpointFixed - natFixed) / perGbSaving
        : null;

  return {
    region,
    pricedAs,
    takenOn,
    lines,
    total: withoutFloatNoise(lines.reduce((sum, l) => sum + l.monthly, 0)),
    strategies,
    natVersusEndpoints: {
      natMonthly: withoutFloatNoise(natFixed + gb * prices.natGatewayGb),
      endpointsMonthly: withoutFloatNoise(endpointFixed + gb * prices.interfaceEndpointGb),
      breakEvenGb: breakEvenGb === null ? null : withoutFloatNoise(breakEvenGb),
    },
    warnings,
  };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/** The estimate as a text table, with the comparisons under it. */
export function renderCost(estimate: CostEstimate): string {
  const rows = estimate.lines.map((l) => [
    l.item,
    plural(l.quantity, l.unit),
    `${formatPrice(l.unitPrice)} / ${l.per === 1 ? l.unit : plural(l.per, l.unit)}`,
    usd(l.monthly),
  ]);
  const header = ["item", "quantity", "unit price", "monthly"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const { natMonthly, endpointsMonthly, breakEvenGb } = estimate.natVersusEndpoints;
  const breakEven =
    breakEvenGb === null
      ? "NAT is cheaper at any volume"
      : breakEvenGb === 0
        ? "endpoints are cheaper at any volume"
        : `endpoints are cheaper above ${formatNumber(breakEvenGb, 0)} GB/month`;
  return [
    `Estimated monthly cost (USD, ${estimate.pricedAs} prices taken ${estimate.takenOn}):`,
    ...estimate.warnings.map((w) => `  warning: ${w}`),
    `  ${format(header)}`,
    ...rows.map((r) => `  ${format(r)}`),
    `  total: ${usd(estimate.total)}`,
    "Per strategy (what each adds to this stack):",
    ...estimate.strategies.map(
      (s) => `  ${s.strategy.padEnd(15)} ${usd(s.monthly)}${s.selected ? "" : " (not selected)"}`,
    ),
    `NAT vs endpoints for the same traffic: one NAT gateway ${usd(natMonthly)} vs endpoints ${usd(endpointsMonthly)}; ${breakEven}.`,
  ].join("\n");
}
