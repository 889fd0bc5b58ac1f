import { PolicyPackProcess } from "../../offline/analyzerClient";
import { POLICY_PACK_DIR } from "../../offline/policyCheck";

let shared: Promise<PolicyPackProcess> | undefined;

/**
 * One pack process, never configured, for the tests that only analyze over gRPC: each start
 * costs about a second of CPU. Every `analyze` ends with the AnalyzeStack call that takes the
 * run's suppression notes, so no test leaves state for the next. Stopped after all tests.
 */
export function sharedPack(): Promise<PolicyPackProcess> {
  return (shared ??= PolicyPackProcess.start(POLICY_PACK_DIR));
}

export async function stopSharedPack(): Promise<void> {
  const pack = shared;
  shared = undefined;
  (await pack?.catch(() => undefined))?.stop();
}
