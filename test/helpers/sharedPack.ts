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

const { take } = packProcesses;
/** Pack processes the scripts' checks gave back, reset to no policy config, for the next check. */
const idle: PolicyPackProcess[] = [];
/** Resets in flight, awaited before the pool stops. */
const resets = new Set<Promise<void>>();

/**
 * The scripts run in-process (`npm run check` and `plan` in the tests) reuse the pack processes
 * of earlier checks. One a check configured goes back only once an empty Configure has reset it
 * (the pack's server replaces its whole config on each Configure: @pulumi/policy server.js
 * `configure`), so no check sees another's settings; a process that fails the reset is stopped.
 */
export function poolPackProcesses(): void {
  packProcesses.take = () => idle.pop() ?? take();
  packProcesses.give = (pack, configured) => {
    if (!configured) {
      idle.push(pack);
      return;
    }
    const reset = pack.configure({}).then(
      () => void idle.push(pack),
      () => pack.stop(),
    );
    resets.add(reset);
    void reset.finally(() => resets.delete(reset));
  };
}

export async function stopSharedPacks(): Promise<void> {
  await Promise.all(resets);
  idle.splice(0).forEach((pack) => pack.stop());
  const pack = shared;
  shared = undefined;
  (await pack?.catch(() => undefined))?.stop();
}
