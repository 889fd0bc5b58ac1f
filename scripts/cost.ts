import { validateFlatConfig } from "../config/read";
import { estimateCost, renderCost } from "../cost/estimate";
import { readStackConfigFile } from "../offline/stackFiles";
import { FLAGS, scriptMain, ScriptSpec } from "./args";
import { runMain } from "./failAndExit";

export const COST_SPEC: ScriptSpec = {
  command: "npm run cost",
  summary:
    "Prints the monthly cost estimate of a stack as configured (its aws:region decides the prices).",
  flags: [FLAGS.stack, FLAGS.json],
};

/** `npm run cost -- --stack prod [--json]`: the monthly estimate of a stack as configured. */
export const main = scriptMain(COST_SPEC, async (args) => {
  const flat = readStackConfigFile(args.stack);
  // Refuses a missing or unknown aws:region: prices (and what exists) depend on it.
  const { config } = validateFlatConfig(flat);
  const estimate = estimateCost(config, flat["aws:region"]);
  console.log(args.flags.has("json") ? JSON.stringify(estimate, null, 2) : renderCost(estimate));
  return 0;
});

if (require.main === module) {
  void runMain(main);
}
