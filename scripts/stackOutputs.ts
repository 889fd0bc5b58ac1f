import { spawnSync } from "child_process";
import * as fs from "fs";
import { StackOutputs } from "../doctor/types";
import { UsageError, readStackConfigFile } from "../offline/stackFiles";

/** The stack's outputs: from `--outputs FILE`, else from `pulumi stack output --json`. */
export function readOutputs(stack: string, file: string | undefined): StackOutputs {
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
