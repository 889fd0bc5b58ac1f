import type { StrategyModule } from "./strategyModule";
import type { StrategyName } from "./strategyName";
import { ecsExec } from "./ecsExec";
import { sessionManager } from "./sessionManager";
import { stepFunctions } from "./stepFunctions";

/**
 * Every access strategy's module, by its {@link StrategyName} (`strategyName.ts` lists the names
 * and their canonical order). A name without a module here, or a module under a name not listed
 * there, does not compile; everything else (config, endpoints, cost, doctor, outputs, README
 * tables) is read from these modules. Only modules that pick a strategy at run time import this
 * file (the program, config/validate.ts, lib/endpointServices.ts, lib/outputNames.ts, the cost,
 * operator and doctor entry points) and no strategy imports them: it is in no import cycle.
 */
export const STRATEGIES = {
  ecsExec,
  sessionManager,
  stepFunctions,
} satisfies Record<StrategyName, StrategyModule>;
