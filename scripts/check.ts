import {
  PolicyCheck,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { PolicyConfigError } from "../offline/analyzerClient";
import { weakeningNotice } from "../offline/policyConfigReview";
import { listStacks } from "../offline/stackFiles";
import { FLAGS, scriptMain, ScriptSpec } from "./args";
import { planStack } from "./planStack";
import { runMain, userMessage } from "./failAndExit";

export const CHECK_SPEC: ScriptSpec = {
  command: "npm run check",
  summary:
    "Runs the stack's resources through the real policy pack, offline. Exits 1 when any mandatory policy is violated or a stack cannot be planned.",
  flags: [
    FLAGS.stack,
    { name: "all", help: "check every stack with a Pulumi.<stack>.yaml; report each bad one" },
    FLAGS.policyConfig,
    FLAGS.allowWeakening,
  ],
};

/**
 * `npm run check [-- --stack dev | --all]`: the stack's resources through the real policy pack,
 * offline. One pack process, started while the first plan runs, checks every stack, even after
 * a bad one. Resolves to 1 when any mandatory policy is violated or a stack cannot be planned.
 */
export const main = scriptMain(CHECK_SPEC, async (args) => {
  const packConfig = readPolicyConfig(args.policyConfig);
  const stacks = args.flags.has("all") ? listStacks() : [args.stack];
  const pack = new PolicyCheck(packConfig, args.flags.has(FLAGS.allowWeakening.name));
  try {
    const failed: string[] = [];
    for (const name of stacks) {
      try {
        const { run } = await planStack(name);
        const findings = await pack.analyze(run.resources);
        console.log(`Stack ${name}: ${run.resources.length} resources checked`);
        const weakened = await pack.weakened;
        if (weakened.length > 0) console.log(weakeningNotice(weakened));
        for (const warning of pack.unmatchedSuppressions(run.resources)) {
          console.log(`Warning: ${warning}`);
        }
        console.log(renderFindings(findings));
        const violations = mandatoryCount(findings);
        if (violations > 0) {
          failed.push(`${name} (${violations} mandatory policy violation(s))`);
        }
      } catch (error) {
        const message = userMessage(error);
        // A bad policy config is every stack's problem: stop at once.
        if (message === undefined || error instanceof PolicyConfigError) {
          throw error;
        }
        console.error(`Stack ${name}: cannot be planned.\n${message}`);
        failed.push(`${name} (cannot be planned)`);
      }
    }
    if (failed.length > 0) {
      console.error(`\nFailed: ${failed.join(", ")}.`);
      return 1;
    }
    return 0;
  } finally {
    pack.stop();
  }
});

if (require.main === module) {
  void runMain(main);
}
