import type { OfflineRun } from "../offline/runOffline";
import { deferPulumiModules } from "../offline/deferredModules";
import { readStackConfigFile } from "../offline/stackFiles";

/** Runs the program offline for a `Pulumi.<stack>.yaml`; returns the run and the flat config. */
export async function planStack(
  stack: string,
): Promise<{ run: OfflineRun; stackConfig: Record<string, string> }> {
  const stackConfig = readStackConfigFile(stack);
  deferPulumiModules();
  // Loaded here, not on import (Pulumi and the AWS providers take about a second): the scripts
  // start the policy pack's process first, so both load at the same time.
  const [{ buildStack }, { runOffline }] = await Promise.all([
    import("../program"),
    import("../offline/runOffline"),
  ]);
  return { run: await runOffline(buildStack, { stack, config: stackConfig }), stackConfig };
}
