import { buildStack } from "../program";
import {
  checkWithPolicyPack,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { runOffline } from "../offline/runOffline";
import { listStacks, readStackConfigFile } from "../offline/stackFiles";
import { parseArgs } from "./args";
import { failAndExit } from "./failAndExit";

/**
 * `npm run check [-- --stack dev | --all]`: the stack's resources through the real policy pack,
 * offline. Exits 1 when any mandatory policy is violated.
 */
async function main(): Promise<void> {
  const { stack, flags, policyConfig } = parseArgs(process.argv.slice(2));
  const packConfig = policyConfig ? readPolicyConfig(policyConfig) : undefined;
  const stacks = flags.has("all") ? listStacks() : [stack];
  let violations = 0;
  for (const name of stacks) {
    const run = await runOffline(buildStack, { stack: name, config: readStackConfigFile(name) });
    const findings = await checkWithPolicyPack(run.resources, packConfig);
    console.log(`Stack ${name}: ${run.resources.length} resources checked`);
    console.log(renderFindings(findings));
    violations += mandatoryCount(findings);
  }
  if (violations > 0) {
    console.error(`\n${violations} mandatory policy violation(s).`);
    process.exit(1);
  }
}

main().catch(failAndExit);
