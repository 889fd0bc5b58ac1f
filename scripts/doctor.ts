import { spawnSync } from "child_process";
import * as fs from "fs";
import { stackTagValue } from "../components/strategies/sessionManager/activationTags";
import { renderResults, runDoctor } from "../doctor/runDoctor";
import { StackOutputs, createClients } from "../doctor/types";
import { UsageError, readStackConfigFile } from "../offline/stackFiles";
import { parseArgs } from "./args";
import { runMain } from "./failAndExit";

const PROJECT = "fargate-access";

/** The stack's outputs: from `--outputs FILE`, else from `pulumi stack output --json`. */
function readOutputs(stack: string, file: string | undefined): StackOutputs {
  const text = file
    ? fs.readFileSync(file, "utf8")
    : (() => {
        const result = spawnSync("pulumi", ["stack", "output", "--json", "--stack", stack], {
          encoding: "utf8",
        });
        if (result.status !== 0) {
          throw new UsageError(
            `pulumi stack output failed (${result.error?.message ?? result.stderr.trim()}); pass --outputs FILE with the stack's outputs as JSON instead.`,
          );
        }
        return result.stdout;
      })();
  const outputs = JSON.parse(text) as StackOutputs;
  if (!Array.isArray(outputs.strategies) || !outputs.clusterName) {
    throw new UsageError("the outputs have no strategies or clusterName; are they this project's?");
  }
  return outputs;
}

/** `npm run doctor -- --stack dev [--outputs FILE] [--json]`: read-only checks of a deployed stack. */
export async function main(argv: string[]): Promise<number> {
  const { stack, flags, outputs: outputsFile } = parseArgs(argv);
  const region = process.env.AWS_REGION ?? readStackConfigFile(stack)["aws:region"];
  const target = {
    outputs: readOutputs(stack, outputsFile),
    region,
    stackTagValue: stackTagValue(PROJECT, stack),
  };
  const results = await runDoctor(createClients(region), target);
  console.log(flags.has("json") ? JSON.stringify(results, null, 2) : renderResults(results));
  return results.some((r) => r.status === "fail") ? 1 : 0;
}

if (require.main === module) {
  void runMain(main);
}
