import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../lib/projectRoot";
import { SCHEMA_FILE, derivePackageSchema } from "../offline/packageSchema";
import { scriptMain, ScriptSpec } from "./args";
import { runMain } from "./failAndExit";

export const SCHEMA_SPEC: ScriptSpec = {
  command: "npm run schema",
  summary:
    "Writes plugin/schema.json: the package schema Pulumi's component analyzer derives from the library's components (what `pulumi package add` generates SDKs from).",
  flags: [],
};

/** `npm run schema`: the plugin package's schema, derived again and written when it changed. */
export const main = scriptMain(SCHEMA_SPEC, async () => {
  const text = `${JSON.stringify(await derivePackageSchema(), null, 2)}\n`;
  const before = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
  if (text !== before) fs.writeFileSync(SCHEMA_FILE, text);
  const shown = path.relative(PROJECT_ROOT, SCHEMA_FILE);
  console.log(text === before ? `${shown} is up to date.` : `${shown} written.`);
  return 0;
});

if (require.main === module) {
  void runMain(main);
}
