import type { StackConfig } from "../config/stackConfig";
import { STRATEGIES } from "../strategies/registry";
import { STRATEGY_NAMES, StrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import { endpointServiceNames, strategyEndpointServices } from "../lib/endpointServices";
import { formatNumber, formatPrice, plural, withoutFloatNoise } from "../lib/format";
import { CostLine, HOURS_PER_MONTH, costLine } from "./lines";
import { FALLBACK_REGION, PRICES, PriceTable } from "./prices";

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

function endpointHourly(count: number, config: StackConfig, prices: PriceTable): number {
  return count * availabilityZones(config) * HOURS_PER_MONTH * prices.interfaceEndpointAzHour;
}

/** The cost lines a strategy adds to this stack, whether it is selected or not. */
function strategyLines(
  strategy: StrategyName,
  config: StackConfig,
  prices: PriceTable,
): CostLine[] {
  const module: StrategyModule = STRATEGIES[strategy];
  return module.costLines(config[strategy], { shared: config, prices });
}

/** What one strategy adds to this stack a month (its own endpoints and its cost lines). */
function strategyMonthly(
  strategy: StrategyName,
  config: StackConfig,
  prices: PriceTable,
  baseEndpoints: Set<string>,
): number {
  const extraEndpoints = config.network.vpcEndpoints
    ? strategyEndpointServices(strategy, config).filter((s) => !baseEndpoints.has(s)).length
    : 0;
  const lines = strategyLines(strategy, config, prices);
  return (
    endpointHourly(extraEndpoints, config, prices) + lines.reduce((sum, l) => sum + l.monthly, 0)
  );
}

/** The monthly estimate of a stack as configured. Pure: prices and assumptions come in. */
export function estimateCost(config: StackConfig, region: string): CostEstimate {
  const { prices, pricedAs, takenOn, warnings } = effectivePrices(config, region);
  const { service, cost } = config;
  const arch = service.cpuArchitecture;
  const spot = service.capacityProvider === "FARGATE_SPOT" ? prices.fargateSpotFactor : 1;
  const taskHours = service.desiredCount * HOURS_PER_MONTH;
  const lines: CostLine[] = [
    costLine(
      `Fargate vCPU (${service.desiredCount} × ${service.cpu / 1024} vCPU, ${arch}, ${service.capacityProvider})`,
      taskHours * (service.cpu / 1024),
      "vCPU-hour",
      prices.fargateVcpuHour[arch] * spot,
    ),
    costLine(
      `Fargate memory (${service.desiredCount} × ${service.memory / 1024} GB)`,
      taskHours * (service.memory / 1024),
      "GB-hour",
      prices.fargateGbHour[arch] * spot,
    ),
  ];

  const nats = natGatewayCount(config);
  const endpoints = config.network.vpcEndpoints
    ? endpointServiceNames(config.strategies.flatMap((s) => strategyEndpointServices(s, config)))
    : [];
  if (nats > 0) {
    lines.push(
      costLine(`NAT gateways (${nats})`, nats * HOURS_PER_MONTH, "NAT-hour", prices.natGatewayHour),
    );
  }
  if (endpoints.length > 0) {
    lines.push(
      costLine(
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
        ? costLine(
            "Endpoint data processed",
            cost.dataProcessedGbPerMonth,
            "GB",
            prices.interfaceEndpointGb,
          )
        : costLine("NAT data processed", cost.dataProcessedGbPerMonth, "GB", prices.natGatewayGb),
    );
  }
  for (const strategy of config.strategies) {
    lines.push(...strategyLines(strategy, config, prices));
  }
  lines.push(
    costLine(
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
    config.strategies.flatMap((s) => strategyEndpointServices(s, config)),
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
