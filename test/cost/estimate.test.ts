import * as assert from "assert";
import { RawConfig } from "../../config/types";
import { validateConfig } from "../../config/validate";
import { CostEstimate, estimateCost, renderCost } from "../../cost/estimate";

const IMAGE = "public.ecr.aws/docker/library/alpine:3.20";

function estimate(raw: Partial<RawConfig>, region = "ap-northeast-1"): CostEstimate {
  const { config } = validateConfig({ strategies: ["ecsExec"], service: { image: IMAGE }, ...raw });
  return estimateCost(config, region);
}

function monthlyOf(result: CostEstimate, prefix: string): number {
  const found = result.lines.filter((l) => l.item.startsWith(prefix));
  assert.strictEqual(found.length, 1, `${prefix}: ${result.lines.map((l) => l.item).join(" | ")}`);
  return found[0].monthly;
}

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe("cost estimate", () => {
  it("prices the default ECS Exec stack line by line (hand-computed, Tokyo)", () => {
    const result = estimate({});
    close(monthlyOf(result, "Fargate vCPU"), 0.25 * 730 * 0.05056); // 9.2272
    close(monthlyOf(result, "Fargate memory"), 0.5 * 730 * 0.00553); // 2.01845
    // ecr.api, ecr.dkr, kms, logs, ssmmessages in 2 AZs
    close(monthlyOf(result, "Interface endpoints"), 5 * 2 * 730 * 0.014); // 102.2
    close(monthlyOf(result, "Endpoint data processed"), 10 * 0.01);
    close(monthlyOf(result, "KMS key"), 1);
    close(monthlyOf(result, "CloudWatch Logs"), 0.76);
    close(result.total, 9.2272 + 2.01845 + 102.2 + 0.1 + 1 + 0.76);
    assert.ok(!result.lines.some((l) => l.item.startsWith("NAT")));
  });

  it("uses Spot, ARM64 and NAT prices and sends traffic through the NAT without endpoints", () => {
    const result = estimate({
      network: { natGateways: "single", vpcEndpoints: false },
      service: { image: IMAGE, capacityProvider: "FARGATE_SPOT", cpu: 1024, memory: 2048 },
      ecsExec: { kmsKey: "none" },
    });
    close(monthlyOf(result, "Fargate vCPU"), 730 * 0.05056 * 0.3);
    close(monthlyOf(result, "Fargate memory"), 2 * 730 * 0.00553 * 0.3);
    close(monthlyOf(result, "NAT gateways"), 730 * 0.062); // 45.26
    close(monthlyOf(result, "NAT data processed"), 10 * 0.062);
    assert.ok(!result.lines.some((l) => l.item.startsWith("Interface endpoints")));
    const arm = estimate({ service: { image: IMAGE, cpuArchitecture: "ARM64" } });
    close(monthlyOf(arm, "Fargate vCPU"), 0.25 * 730 * 0.04045);
  });

  it("bills the advanced tier per task-hour and Step Functions past the free transitions", () => {
    const result = estimate({
      strategies: ["sessionManager", "stepFunctions"],
      service: { image: IMAGE, command: ["crond", "-n"], desiredCount: 2 },
      cost: { stepFunctionsRunsPerMonth: 1000, stepFunctionsRunMinutes: 6 },
    });
    close(monthlyOf(result, "SSM advanced tier"), 2 * 730 * 0.00695); // 10.147
    close(monthlyOf(result, "KMS key for session transcripts"), 1);
    close(monthlyOf(result, "Step Functions transitions"), ((1000 * 15 - 4000) / 1000) * 0.025);
    close(monthlyOf(result, "Step Functions run tasks"), 100 * (0.25 * 0.05056 + 0.5 * 0.00553));
    const free = estimate({ strategies: ["stepFunctions"] });
    close(monthlyOf(free, "Step Functions transitions"), 0);
  });

  it("compares strategies and NAT with endpoints, with the break-even volume", () => {
    const result = estimate({});
    const ecsExec = result.strategies.find((s) => s.strategy === "ecsExec");
    close(ecsExec?.monthly ?? -1, 2 * 2 * 730 * 0.014 + 1); // kms + ssmmessages endpoints, key
    assert.strictEqual(ecsExec?.selected, true);
    const session = result.strategies.find((s) => s.strategy === "sessionManager");
    // ssm, ec2messages, ssmmessages endpoints in 2 AZs, one instance, the transcripts' KMS key.
    close(session?.monthly ?? -1, 3 * 2 * 730 * 0.014 + 730 * 0.00695 + 1);
    assert.strictEqual(session?.selected, false);
    const { natMonthly, endpointsMonthly, breakEvenGb } = result.natVersusEndpoints;
    close(natMonthly, 730 * 0.062 + 10 * 0.062);
    close(endpointsMonthly, 102.2 + 0.1);
    close(breakEvenGb ?? -1, (102.2 - 730 * 0.062) / (0.062 - 0.01)); // ≈ 1095 GB
  });

  it("falls back to us-east-1 prices with a warning for a region without a table", () => {
    const result = estimate({}, "eu-south-2");
    assert.strictEqual(result.pricedAs, "us-east-1");
    assert.match(result.warnings[0], /No recorded prices for eu-south-2/);
    close(monthlyOf(result, "Fargate vCPU"), 0.25 * 730 * 0.04048);
    assert.match(renderCost(result), /warning: No recorded prices for eu-south-2/);
  });

  it("applies price overrides from config, Fargate ones to the stack's architecture", () => {
    const result = estimate({
      network: { natGateways: "single", vpcEndpoints: false },
      ecsExec: { kmsKey: "none" },
      cost: { prices: { natGatewayHour: 0.1, fargateVcpuHour: 0.06 } },
    });
    close(monthlyOf(result, "NAT gateways"), 73);
    close(monthlyOf(result, "Fargate vCPU"), 0.25 * 730 * 0.06);
  });

  it("renders a table with unit prices, the total and the comparisons", () => {
    const text = renderCost(estimate({}));
    assert.match(text, /ap-northeast-1 prices taken \d{4}-\d{2}-\d{2}/);
    assert.match(
      text,
      /Interface endpoints .*× 2 AZs\)\s+7,300 endpoint-AZ-hours\s+\$0\.014 \/ endpoint-AZ-hour\s+\$102\.20/,
    );
    assert.match(text, /total: \$115\.31/);
    assert.match(text, /endpoints are cheaper above 1,095 GB\/month/);
  });

  it("prints prices and quantities without float noise, with units that agree with the count", () => {
    const result = estimate({
      strategies: ["sessionManager", "stepFunctions"],
      service: { image: IMAGE, command: ["crond", "-f"], capacityProvider: "FARGATE_SPOT" },
    });
    const text = renderCost(result);
    // Spot prices are products (0.00553 × 0.3 …): binary noise such as 0.0037027500000000003.
    for (const amount of text.match(/\$[\d.,]+/g) ?? []) {
      assert.match(amount, /^\$\d[\d,]*(\.\d{1,8})?$/, amount);
    }
    for (const number of JSON.stringify(result).match(/-?\d+\.\d+(e-?\d+)?/g) ?? []) {
      assert.ok(number.replace(/^-?0\.0*|\.|e.*$/g, "").length <= 12, `float noise in ${number}`);
    }
    assert.match(
      text,
      /SSM advanced tier \(1 managed instance\)\s+730 instance-hours\s+\$0\.00695 \/ instance-hour/,
    );
    assert.match(
      text,
      /first 4,000 free\)\s+0 transitions\s+\$0\.025 \/ 1,000 transitions\s+\$0\.00/,
    );
  });

  it("validates the cost section, naming the key", () => {
    assert.throws(
      () => estimate({ cost: { prices: { natGatewayHourly: 1 } } }),
      /fargate-access:cost\.prices\.natGatewayHourly/,
    );
    assert.throws(
      () => estimate({ cost: { dataProcessedGbPerMonth: -1 } }),
      /fargate-access:cost\.dataProcessedGbPerMonth: -1 is not allowed; use a number of at least 0/,
    );
  });
});
