import * as fs from "fs";
import { validateFlatConfig } from "../config/read";
import { estimateCost, renderCost } from "../cost/estimate";
import { Finding } from "../offline/analyzerClient";
import { weakeningNotice } from "../offline/policyConfigReview";
import {
  PolicyCheck,
  mandatoryCount,
  readPolicyConfig,
  renderFindings,
} from "../offline/policyCheck";
import { planDocument, renderResourceDetails } from "../offline/planDetails";
import { renderAccessGraph } from "../offline/accessGraph";
import { renderResourceTree } from "../offline/resourceTree";
import { UsageError } from "../offline/stackFiles";
import { OfflineRun } from "../offline/runOffline";
import { FLAGS, ScriptArgs, scriptMain, ScriptSpec } from "./args";
import { planStack } from "./planStack";
import { runMain } from "./failAndExit";

export const PLAN_SPEC: ScriptSpec = {
  command: "npm run plan",
  summary:
    "Runs the program offline (Pulumi mocks; no AWS account) and prints the resources, the outputs, the policy findings and the cost. Exits 1 on a mandatory violation.",
  flags: [
    FLAGS.stack,
    FLAGS.policyConfig,
    FLAGS.allowWeakening,
    {
      name: "details",
      help: "under each resource, its inputs (IAM policies pretty-printed, security-group rules)",
    },
    FLAGS.json,
    {
      name: "graph",
      value: "FILE",
      help: "write a Mermaid diagram of the access paths (who reaches the task, through what)",
    },
  ],
};

/**
 * `npm run plan -- --stack dev`: the stack's resources, outputs and policy findings, offline.
 * The policy pack's process starts first and loads while the program runs.
 */
export const main = scriptMain(PLAN_SPEC, async (args) => {
  const pack = new PolicyCheck(
    readPolicyConfig(args.policyConfig),
    args.flags.has(FLAGS.allowWeakening.name),
  );
  try {
    const { run, stackConfig } = await planStack(args.stack);
    const findings = await pack.analyze(run.resources);
    const weakened = await pack.weakened;
    // On stderr: `--json` keeps stdout one document.
    if (weakened.length > 0) console.error(weakeningNotice(weakened));
    for (const warning of pack.unmatchedSuppressions(run.resources)) {
      console.error(`Warning: ${warning}`);
    }
    return report(args, run, stackConfig, findings);
  } finally {
    pack.stop();
  }
});

/** Prints the plan (text or JSON) and writes the graph; 1 when a mandatory policy is violated. */
function report(
  args: ScriptArgs,
  run: OfflineRun,
  stackConfig: Record<string, string>,
  findings: Finding[],
): number {
  const { stack, flags, values } = args;
  const { config } = validateFlatConfig(stackConfig);
  const cost = estimateCost(config, stackConfig["aws:region"]);
  if (values.graph) {
    writeGraph(values.graph, renderAccessGraph(run.resources));
  }
  const status = mandatoryCount(findings) > 0 ? 1 : 0;
  if (flags.has("json")) {
    console.log(JSON.stringify(planDocument(stack, run, findings, cost), null, 2));
    return status;
  }
  console.log(`Offline plan of stack "${stack}" (Pulumi mocks; no AWS account used)\n`);
  console.log(`Resources (${run.resources.length}):`);
  console.log(
    flags.has("details") ? renderResourceDetails(run.resources) : renderResourceTree(run.resources),
  );
  console.log("\nOutputs:");
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(`  ${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  for (const warning of run.warnings) {
    console.log(`\nwarning: ${warning}`);
  }
  console.log(`\n${renderFindings(findings)}`);
  console.log(`\n${renderCost(cost)}`);
  if (values.graph) {
    console.log(`\nAccess graph (Mermaid) written to ${values.graph}.`);
  }
  return status;
}

function writeGraph(file: string, mermaid: string): void {
  try {
    fs.writeFileSync(file, `${mermaid}\n`);
  } catch (error) {
    throw new UsageError(`--graph ${file}: cannot write the file (${(error as Error).message}).`);
  }
}

if (require.main === module) {
  void runMain(main);
}
