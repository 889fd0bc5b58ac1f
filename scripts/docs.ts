import * as fs from "fs";
import * as path from "path";
import { renderReadme } from "../config/docs";
import { PROJECT_ROOT } from "../lib/projectRoot";
import { scriptMain, ScriptSpec } from "./args";
import { runMain } from "./failAndExit";

export const DOCS_SPEC: ScriptSpec = {
  command: "npm run docs",
  summary:
    "Rewrites the README's generated tables (configuration keys, stack outputs) from the config fields and the strategy modules.",
  flags: [],
};

/** `npm run docs`: the README's generated parts, rendered again in place. */
export const main = scriptMain(DOCS_SPEC, async () => {
  const file = path.join(PROJECT_ROOT, "README.md");
  const before = fs.readFileSync(file, "utf8");
  const after = renderReadme(before);
  if (after !== before) fs.writeFileSync(file, after);
  console.log(
    after === before ? "README.md is up to date." : "README.md: generated tables rewritten.",
  );
  return 0;
});

if (require.main === module) {
  void runMain(main);
}
