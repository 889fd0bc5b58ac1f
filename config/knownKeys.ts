import { PRICE_OVERRIDE_KEYS } from "./types";

/**
 * Every key the stack config accepts, per section (`""` is the top level of the
 * `fargate-access:` namespace, `service.build` a map inside `service`). The one place a new
 * key is declared: anything else is refused as unknown, with the closest known key suggested.
 */
export const KNOWN_KEYS = {
  "": [
    "strategies",
    "logRetentionDays",
    "network",
    "service",
    "ecsExec",
    "sessionManager",
    "stepFunctions",
    "cost",
  ],
  // Both modes' keys: the keys of the other mode are refused with their own message.
  network: [
    "mode",
    "cidrBlock",
    "availabilityZones",
    "natGateways",
    "vpcEndpoints",
    "vpcId",
    "privateSubnetIds",
    "existingEndpointServices",
  ],
  service: [
    "image",
    "pullThroughCache",
    "build",
    "containerName",
    "cpu",
    "memory",
    "desiredCount",
    "command",
    "cpuArchitecture",
    "capacityProvider",
  ],
  "service.build": ["context", "dockerfile"],
  ecsExec: ["logging", "kmsKey", "operatorPrincipals"],
  sessionManager: [
    "instanceTier",
    "activationExpiryHours",
    "cleanupSchedule",
    "operatorPrincipals",
    "resetTierOnDestroy",
    "alarmTopicArn",
    "reservedConcurrency",
    "staleAfterHours",
  ],
  stepFunctions: ["timeoutSeconds", "includeExecutionData", "operatorPrincipals"],
  cost: [
    "dataProcessedGbPerMonth",
    "logIngestionGbPerMonth",
    "stepFunctionsRunsPerMonth",
    "stepFunctionsRunMinutes",
    "prices",
  ],
  "cost.prices": PRICE_OVERRIDE_KEYS,
} as const satisfies Record<string, readonly string[]>;

export type ConfigSection = keyof typeof KNOWN_KEYS;
