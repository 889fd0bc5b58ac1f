import { stackTagValue } from "../components/strategies/sessionManager/activationTags";
import { renderResults, runDoctor } from "../doctor/runDoctor";
import { createClients } from "../doctor/types";
import { parseArgs } from "./args";
import { failAndExit } from "./failAndExit";
import { readOutputs, stackRegion } from "./stackOutputs";

const PROJECT = "fargate-access";

/** `npm run doctor -- --stack dev [--outputs FILE] [--json]`: read-only checks of a deployed stack. */
async function main(): Promise<void> {
  const { stack, flags, outputs: outputsFile } = parseArgs(process.argv.slice(2));
  const region = stackRegion(stack);
  const target = {
    outputs: readOutputs(stack, outputsFile),
    region,
    stackTagValue: stackTagValue(PROJECT, stack),
  };
  const results = await runDoctor(createClients(region), target);
  console.log(flags.has("json") ? JSON.stringify(results, null, 2) : renderResults(results));
  if (results.some((r) => r.status === "fail")) {
    process.exitCode = 1;
  }
}

main().catch(failAndExit);
