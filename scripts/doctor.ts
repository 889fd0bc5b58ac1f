import { spawnSync } from "child_process";
import * as fs from "fs";
import { stackTagValue } from "../components/strategies/sessionManager/activationTags";
import { renderResults, runDoctor } from "../doctor/runDoctor";
import { StackOutputs, createClients } from "../doctor/types";
import { UsageError, readStackConfigFile } from "../offline/stackFiles";
import { FLAGS, ScriptSpec, helpText, parseArgs } from "./args";
import { failAndExit } from "./failAndExit";

const PROJECT = "fargate-access";

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

/** The text of `--outputs FILE`, with a usage error naming the file when it cannot be read. */
function readOutputsFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "does not exist" : `cannot be read (${code})`;
    throw new UsageError(
      `--outputs ${file}: the file ${reason}; write it with \`pulumi stack output --json --stack STACK > ${file}\`.`,
    );
  }
}

/** The stack's outputs: from `--outputs FILE`, else from `pulumi stack output --json`. */
function readOutputs(stack: string, file: string | undefined): StackOutputs {
  const text = file
    ? readOutputsFile(file)
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
  let outputs: StackOutputs;
  try {
    outputs = JSON.parse(text) as StackOutputs;
  } catch (error) {
    const source = file ? `--outputs ${file}` : "pulumi stack output";
    throw new UsageError(
      `${source}: not valid JSON (${(error as Error).message}); use the output of \`pulumi stack output --json\`.`,
    );
  }
  if (
    typeof outputs !== "object" ||
    outputs === null ||
    !Array.isArray(outputs.strategies) ||
    !outputs.clusterName
  ) {
    throw new UsageError("the outputs have no strategies or clusterName; are they this project's?");
  }
  return outputs;
}

/** `npm run doctor -- --stack dev [--outputs FILE] [--json]`: read-only checks of a deployed stack. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), DOCTOR_SPEC);
  if (args.help) {
    console.log(helpText(DOCTOR_SPEC));
    return;
  }
  const { stack, flags, outputs: outputsFile } = args;
  const region = process.env.AWS_REGION ?? readStackConfigFile(stack)["aws:region"];
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
