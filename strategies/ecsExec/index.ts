import { costLine } from "../../cost/lines";
import { SSM_AGENT_IPC } from "../claims";
import type { StrategyModule } from "../strategyModule";
import {
  ECS_EXEC_FIELDS,
  ECS_EXEC_RESOURCE_NAME,
  checkEcsExecConfig,
  ecsExecEndpointServices,
  ecsExecSettings,
  ecsExecServiceKeys,
} from "./config";
import { ECS_EXEC_OUTPUTS } from "./outputs";

/** ECS Exec: `aws ecs execute-command` into the running container. */
export const ecsExec: StrategyModule<typeof ECS_EXEC_FIELDS, keyof typeof ECS_EXEC_OUTPUTS> = {
  title: "ECS Exec",
  resourceName: ECS_EXEC_RESOURCE_NAME,
  config: ECS_EXEC_FIELDS,
  checkConfig: checkEcsExecConfig,
  claims: [SSM_AGENT_IPC],
  endpointServices: ecsExecEndpointServices,
  settings: ecsExecSettings,
  costLines: (config, { prices }) =>
    config.kmsKey === "create"
      ? [costLine("KMS key for exec sessions", 1, "key-month", prices.kmsKeyMonth)]
      : [],
  serviceKeys: ecsExecServiceKeys,
  outputs: ECS_EXEC_OUTPUTS,
  shell: async () => (await import("./shell")).ecsExecShell,
  audit: async () => (await import("./audit")).ecsExecAudit,
  doctorChecks: async () => (await import("./doctor")).ecsExecChecks,
  // Loaded on use: the cost and doctor commands read this module without loading @pulumi/*.
  component: () => (require("./ecsExecAccess") as typeof import("./ecsExecAccess")).EcsExecAccess,
};
