/**
 * fargate-access as a library: the access strategies as Pulumi components that attach to a
 * Fargate service a team already runs, the umbrella that selects them as the stack config does,
 * and the types of their args and outputs. The project's own program (program.ts) builds its
 * network and workload, then uses `FargateAccess` from here, as a team's program would.
 * Other languages get the same components through the plugin package (plugin/).
 */
export { FargateAccess, FargateAccessArgs } from "./fargateAccess";
export {
  EcsExecAccess,
  EcsExecAccessArgs,
  EcsExecSettings,
} from "../strategies/ecsExec/ecsExecAccess";
export {
  SessionManagerAccess,
  SessionManagerAccessArgs,
  SessionManagerSettings,
} from "../strategies/sessionManager/sessionManagerAccess";
export {
  StepFunctionsAccess,
  StepFunctionsAccessArgs,
  StepFunctionsSettings,
} from "../strategies/stepFunctions/stepFunctionsAccess";
export type { CommonAccessArgs, OperatorSettings } from "./componentArgs";
export type { ExistingService, ServiceKey } from "./existingService";
export type { ExecuteCommandRequirement, ServiceRequirements } from "./serviceRequirements";
export { LibraryInputError } from "./libraryInputError";
export type { AccessTarget, StrategyOutputs } from "../strategies/accessStrategy";
export type { SharedOutputs, StackOutputs } from "../lib/stackOutputs";
export type { StrategyOutputName } from "../strategies/strategyOutputs";
