/**
 * What every strategy component takes from the library to be one: reading its args, attaching
 * to an existing service, keeping its state off the instance, and scoping its physical names.
 */
export { CommonAccessArgs, OperatorSettings, readAccessArgs } from "./componentArgs";
export { ComponentState } from "./componentState";
export { instanceScope } from "./instanceScope";
export { attachWhenGiven } from "./serviceAttachment";
export type { ServiceRequirements } from "./serviceRequirements";
