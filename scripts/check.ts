import {
  PolicyCheck,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { PolicyConfigError } from "../offline/analyzerClient";
import { weakeningNotice } from "../offline/policyConfigReview";
import { listStacks } from "../offline/stackFiles";
import { readForeignProject } from "../offline/foreignProject";
import type { OfflineRun } from "../offline/runOffline";
import { foreignStacks, planForeignProgram } from "./planProgram";
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
    {
      name: "program",
      value: "DIR",
      help: "check another TypeScript Pulumi program (the folder of its Pulumi.yaml) instead of this one",
    },
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
  const targets = checkTargets(args.values.program, args.values.stack, args.flags.has("all"));
  const pack = new PolicyCheck(packConfig, args.flags.has(FLAGS.allowWeakening.name));
  try {
    const failed: string[] = [];
    for (const { name, plan } of targets) {
      try {
        const run = await plan();
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

/** A stack to check: its name in the report and how to plan it. */
interface CheckTarget {
  name: string;
  plan: () => Promise<OfflineRun>;
}

/**
 * This project's stacks (`--stack`, default dev, or `--all`), or those of the program in
 * `--program DIR`, named `<project>/<stack>` in the report.
 */
function checkTargets(program: string | undefined, stack: string | undefined, all: boolean) {
  if (program === undefined) {
    const stacks = all ? listStacks() : [stack ?? "dev"];
    return stacks.map((name): CheckTarget => ({
      name,
      plan: async () => (await planStack(name)).run,
    }));
  }
  const project = readForeignProject(program);
  return foreignStacks(project, stack, all).map((name): CheckTarget => ({
    name: `${project.name}/${name}`,
    plan: () => planForeignProgram(project, name),
  }));
}

if (require.main === module) {
  void runMain(main);
}
