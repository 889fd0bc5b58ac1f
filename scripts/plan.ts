import { validateFlatConfig } from "../config/read";
import { estimateCost, renderCost } from "../cost/estimate";
import { Finding } from "../offline/analyzerClient";
import {
  PolicyCheck,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { renderResourceTree } from "../offline/resourceTree";
import { OfflineRun } from "../offline/runOffline";
import { parseArgs } from "./args";
import { planStack } from "./planStack";
import { runMain } from "./failAndExit";

/**
 * `npm run plan -- --stack dev`: the stack's resources, outputs and policy findings, offline.
 * The policy pack's process starts first and loads while the program runs.
 */
export async function main(argv: string[]): Promise<number> {
  const { stack, policyConfig } = parseArgs(argv);
  const packConfig = readPolicyConfig(policyConfig);
  const pack = new PolicyCheck(packConfig);
  try {
    const { run, stackConfig } = await planStack(stack);
    return report(stack, run, stackConfig, await pack.analyze(run.resources));
  } finally {
    pack.stop();
  }
}

/** Prints the plan; 1 when a mandatory policy is violated. */
function report(
  stack: string,
  run: OfflineRun,
  stackConfig: Record<string, string>,
  findings: Finding[],
): number {
  console.log(`Offline plan of stack "${stack}" (Pulumi mocks; no AWS account used)\n`);
  console.log(`Resources (${run.resources.length}):`);
  console.log(renderResourceTree(run.resources));
  console.log("\nOutputs:");
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`  ${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  for (const warning of run.warnings) {
    console.log(`\nwarning: ${warning}`);
  }
  console.log(`\n${renderFindings(findings)}`);
  const { config } = validateFlatConfig(stackConfig);
  console.log(`\n${renderCost(estimateCost(config, stackConfig["aws:region"]))}`);
  return mandatoryCount(findings) > 0 ? 1 : 0;
}

if (require.main === module) {
  void runMain(main);
}
