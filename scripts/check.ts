import {
  checkWithPolicyPack,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { listStacks } from "../offline/stackFiles";
import { parseArgs } from "./args";
import { planStack } from "./planStack";
import { failAndExit } from "./failAndExit";

/**
 * `npm run check [-- --stack dev | --all]`: the stack's resources through the real policy pack,
 * offline. Exits 1 when any mandatory policy is violated.
 */
async function main(): Promise<void> {
  const { stack, flags, policyConfig } = parseArgs(process.argv.slice(2));
  const packConfig = readPolicyConfig(policyConfig);
  const stacks = flags.has("all") ? listStacks() : [stack];
  let violations = 0;
  for (const name of stacks) {
    const { run } = await planStack(name);
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
