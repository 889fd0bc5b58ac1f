import { validateFlatConfig } from "../config/read";
import { estimateCost, renderCost } from "../cost/estimate";
import { readStackConfigFile } from "../offline/stackFiles";
import { parseArgs } from "./args";
import { failAndExit } from "./failAndExit";

/** `npm run cost -- --stack prod [--json]`: the monthly estimate of a stack as configured. */
function main(): void {
  const { stack, flags } = parseArgs(process.argv.slice(2));
  const flat = readStackConfigFile(stack);
  const { config } = validateFlatConfig(flat);
  const estimate = estimateCost(config, flat["aws:region"] ?? "");
  console.log(flags.has("json") ? JSON.stringify(estimate, null, 2) : renderCost(estimate));
}

try {
  main();
} catch (error) {
  failAndExit(error);
}
