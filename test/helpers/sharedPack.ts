import { PolicyPackProcess } from "../../offline/analyzerClient";
import { POLICY_PACK_DIR, packProcesses } from "../../offline/policyCheck";

let shared: Promise<PolicyPackProcess> | undefined;

/**
 * One pack process, never configured, for the tests that only analyze over gRPC: each start
 * costs over half a second of CPU. Every `analyze` ends with the AnalyzeStack call that takes the
 * run's suppression notes, so no test leaves state for the next. Stopped after all tests.
 */
export function sharedPack(): Promise<PolicyPackProcess> {
  return (shared ??= PolicyPackProcess.start(POLICY_PACK_DIR));
}

const { take, give } = packProcesses;
/** Pack processes the scripts' checks gave back unconfigured, for the next check. */
const idle: PolicyPackProcess[] = [];

/**
 * The scripts run in-process (`npm run check` and `plan` in the tests) reuse the pack processes
 * of earlier checks that set no policy config; a configured one is stopped as usual, so no
 * check sees another's settings.
 */
export function poolPackProcesses(): void {
  packProcesses.take = () => idle.pop() ?? take();
  packProcesses.give = (pack, configured) =>
    configured ? give(pack, configured) : idle.push(pack);
}

export async function stopSharedPacks(): Promise<void> {
  idle.splice(0).forEach((pack) => pack.stop());
  const pack = shared;
  shared = undefined;
  (await pack?.catch(() => undefined))?.stop();
}
