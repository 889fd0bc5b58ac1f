import type { ECS_EXEC_OUTPUTS } from "./ecsExec/outputs";
import type { SESSION_MANAGER_OUTPUTS } from "./sessionManager/outputs";
import type { STEP_FUNCTIONS_OUTPUTS } from "./stepFunctions/outputs";
import type { StrategyName } from "./strategyName";

/**
 * Each strategy's output declarations, by name: types only, read from the strategies' leaf
 * `outputs.ts`, so the stack-output type needs neither the registry nor the strategies' code.
 * The registry's modules declare their outputs from the same constants.
 */
interface OutputDeclarations {
  ecsExec: typeof ECS_EXEC_OUTPUTS;
  sessionManager: typeof SESSION_MANAGER_OUTPUTS;
  stepFunctions: typeof STEP_FUNCTIONS_OUTPUTS;
}

/** Every output name a strategy can add. */
export type StrategyOutputName = { [K in StrategyName]: keyof OutputDeclarations[K] }[StrategyName];
