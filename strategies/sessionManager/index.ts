import { HOURS_PER_MONTH, costLine } from "../../cost/lines";
import { plural } from "../../lib/format";
import { SSM_AGENT_IPC } from "../claims";
import type { StrategyModule } from "../strategyModule";
import {
  SESSION_MANAGER_ENDPOINT_SERVICES,
  SESSION_MANAGER_FIELDS,
  SESSION_MANAGER_RESOURCE_NAME,
  checkSessionManagerConfig,
  sessionManagerServiceKeys,
} from "./config";
import { SESSION_MANAGER_OUTPUTS } from "./outputs";

/** Session Manager through an SSM hybrid activation: each task registers as a managed instance. */
export const sessionManager: StrategyModule<
  typeof SESSION_MANAGER_FIELDS,
  keyof typeof SESSION_MANAGER_OUTPUTS
> = {
  title: "Session Manager",
  resourceName: SESSION_MANAGER_RESOURCE_NAME,
  config: SESSION_MANAGER_FIELDS,
  checkConfig: checkSessionManagerConfig,
  claims: [SSM_AGENT_IPC],
  endpointServices: () => SESSION_MANAGER_ENDPOINT_SERVICES,
  // The advanced tier per instance-hour, plus the KMS key that encrypts session transcripts.
  costLines: (_config, { shared, prices }) => [
    costLine(
      `SSM advanced tier (${plural(shared.service.desiredCount, "managed instance")})`,
      shared.service.desiredCount * HOURS_PER_MONTH,
      "instance-hour",
      prices.ssmAdvancedInstanceHour,
    ),
    costLine("KMS key for session transcripts", 1, "key-month", prices.kmsKeyMonth),
  ],
  serviceKeys: sessionManagerServiceKeys,
  outputs: SESSION_MANAGER_OUTPUTS,
  shell: async () => (await import("./shell")).sessionManagerShell,
  audit: async () => (await import("./audit")).sessionManagerAudit,
  doctorChecks: async () => (await import("./doctor")).sessionManagerChecks,
  // Loaded on use: the cost and doctor commands read this module without loading @pulumi/*.
  component: () =>
    (require("./sessionManagerAccess") as typeof import("./sessionManagerAccess"))
      .SessionManagerAccess,
};
