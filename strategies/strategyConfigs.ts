import type { SectionValue } from "../config/schema";
import type { ECS_EXEC_FIELDS } from "./ecsExec/config";
import type { SESSION_MANAGER_FIELDS } from "./sessionManager/config";
import type { STEP_FUNCTIONS_FIELDS } from "./stepFunctions/config";
import type { StrategyName } from "./strategyName";

/**
 * Each strategy's config fields, by name: types only, read from the strategies' `config.ts`
 * (which import nothing that imports the strategies), so the stack config's type needs
 * neither the registry nor the strategies' code. The registry's modules declare their
 * config from the same constants.
 */
interface ConfigDeclarations {
  ecsExec: typeof ECS_EXEC_FIELDS;
  sessionManager: typeof SESSION_MANAGER_FIELDS;
  stepFunctions: typeof STEP_FUNCTIONS_FIELDS;
}

/** Each strategy's validated config section. */
export type StrategyConfigs = { [K in StrategyName]: SectionValue<ConfigDeclarations[K]> };
