import { spawnSync } from "child_process";
import * as fs from "fs";
import { StackOutputs } from "../lib/stackOutputs";
import { withCurrentNames } from "../lib/outputNames";
import { UsageError, readStackConfigFile } from "../offline/stackFiles";

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
export function readOutputs(stack: string, file: string | undefined): StackOutputs {
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
  return withCurrentNames(outputs as unknown as Record<string, unknown>) as unknown as StackOutputs;
}

/** The stack's region: `AWS_REGION` when set, else `aws:region` from `Pulumi.<stack>.yaml`. */
export function stackRegion(stack: string): string {
  const region = process.env.AWS_REGION ?? readStackConfigFile(stack)["aws:region"];
  if (!region) {
    throw new UsageError(
      `stack ${stack} has no aws:region; set AWS_REGION or run \`pulumi config set aws:region ap-northeast-1 --stack ${stack}\`.`,
    );
  }
  return region;
}
