import { buildStack } from "../program";
import { OfflineRun, runOffline } from "../offline/runOffline";
import { readStackConfigFile } from "../offline/stackFiles";

/** Runs the program offline for a `Pulumi.<stack>.yaml`; returns the run and the flat config. */
export async function planStack(
  stack: string,
): Promise<{ run: OfflineRun; stackConfig: Record<string, string> }> {
  const stackConfig = readStackConfigFile(stack);
  return { run: await runOffline(buildStack, { stack, config: stackConfig }), stackConfig };
}
