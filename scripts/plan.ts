import { validateFlatConfig } from "../config/read";
import { estimateCost, renderCost } from "../cost/estimate";
import {
  checkWithPolicyPack,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { renderResourceTree } from "../offline/resourceTree";
import { parseArgs } from "./args";
import { planStack } from "./planStack";
import { failAndExit } from "./failAndExit";

/** `npm run plan -- --stack dev`: the stack's resources, outputs and policy findings, offline. */
async function main(): Promise<void> {
  const { stack, policyConfig } = parseArgs(process.argv.slice(2));
  const packConfig = readPolicyConfig(policyConfig);
  const { run, stackConfig } = await planStack(stack);
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
  const findings = await checkWithPolicyPack(run.resources, packConfig);
  console.log(`\n${renderFindings(findings)}`);
  const { config } = validateFlatConfig(stackConfig);
  console.log(`\n${renderCost(estimateCost(config, stackConfig["aws:region"]))}`);
  if (mandatoryCount(findings) > 0) {
    process.exitCode = 1;
  }
}

main().catch(failAndExit);
