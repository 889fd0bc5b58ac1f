import { validateFlatConfig } from "../config/read";
import { estimateCost, renderCost } from "../cost/estimate";
import { readStackConfigFile } from "../offline/stackFiles";
import { parseArgs } from "./args";
import { runMain } from "./failAndExit";

/** `npm run cost -- --stack prod [--json]`: the monthly estimate of a stack as configured. */
export async function main(argv: string[]): Promise<number> {
  const { stack, flags } = parseArgs(argv);
  const flat = readStackConfigFile(stack);
  const { config } = validateFlatConfig(flat);
  const estimate = estimateCost(config, flat["aws:region"] ?? "");
  console.log(flags.has("json") ? JSON.stringify(estimate, null, 2) : renderCost(estimate));
  return 0;
}

if (require.main === module) {
  void runMain(main);
}
