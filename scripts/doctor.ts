import { stackTagValue } from "../lib/activationTags";
import { PROJECT_NAME } from "../lib/projectName";
import { renderResults, runDoctor } from "../doctor/runDoctor";
import { createClients } from "../doctor/types";
import { FLAGS, scriptMain, ScriptSpec } from "./args";
import { runMain } from "./failAndExit";
import { readOutputs, stackRegion } from "./stackOutputs";

export const DOCTOR_SPEC: ScriptSpec = {
  command: "npm run doctor",
  summary:
    "Read-only checks of a deployed stack, per selected strategy, each with a fix. Needs AWS credentials; exits 1 when a check fails.",
  flags: [
    FLAGS.stack,
    {
      name: "outputs",
      value: "FILE",
      help: "the stack's outputs as JSON (pulumi stack output --json > FILE); default: ask the Pulumi CLI",
    },
    FLAGS.json,
  ],
};

/** `npm run doctor -- --stack dev [--outputs FILE] [--json]`: read-only checks of a deployed stack. */
export const main = scriptMain(DOCTOR_SPEC, async (args) => {
  const { stack, flags, outputs: outputsFile } = args;
  const region = stackRegion(stack);
  const target = {
    outputs: readOutputs(stack, outputsFile),
    region,
    stackTagValue: stackTagValue(PROJECT_NAME, stack),
  };
  const results = await runDoctor(createClients(region), target);
  console.log(flags.has("json") ? JSON.stringify(results, null, 2) : renderResults(results));
  return results.some((r) => r.status === "fail") ? 1 : 0;
});

if (require.main === module) {
  void runMain(main);
}
