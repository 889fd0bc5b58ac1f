import {
  PolicyCheck,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { listStacks } from "../offline/stackFiles";
import { parseArgs } from "./args";
import { planStack } from "./planStack";
import { runMain } from "./failAndExit";

/**
 * `npm run check [-- --stack dev | --all]`: the stack's resources through the real policy pack,
 * offline. One pack process, started while the first plan runs, checks every stack. Resolves to
 * 1 when any mandatory policy is violated.
 */
export async function main(argv: string[]): Promise<number> {
  const { stack, flags, policyConfig } = parseArgs(argv);
  const packConfig = readPolicyConfig(policyConfig);
  const stacks = flags.has("all") ? listStacks() : [stack];
  const pack = new PolicyCheck(packConfig);
  try {
    let violations = 0;
    for (const name of stacks) {
      const { run } = await planStack(name);
      const findings = await pack.analyze(run.resources);
      console.log(`Stack ${name}: ${run.resources.length} resources checked`);
      console.log(renderFindings(findings));
      violations += mandatoryCount(findings);
    }
    if (violations > 0) {
      console.error(`\n${violations} mandatory policy violation(s).`);
      return 1;
    }
    return 0;
  } finally {
    pack.stop();
  }
}

if (require.main === module) {
  void runMain(main);
}
