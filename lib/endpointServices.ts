import { EcsExecConfig, StrategyName } from "../config/types";

/** Interface endpoints every Fargate task needs without NAT: image pull and logs. */
export const BASE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "logs"] as const;

/** The interface endpoints to create: the base set plus what strategies asked for, sorted. */
export function endpointServiceNames(strategyServices: readonly string[]): string[] {
  return [...new Set([...BASE_ENDPOINT_SERVICES, ...strategyServices])].sort();
}

/**
 * The interface VPC endpoint services a strategy's tasks must reach, as its configuration
 * (`ecsExec`, for ECS Exec) decides. Pure: the strategies' contributions and the cost estimate both read it.
 */
export function strategyEndpointServices(
  strategy: StrategyName,
  ecsExec?: EcsExecConfig,
): string[] {
  switch (strategy) {
    case "ecsExec":
      // The agent fetches a data key for encrypted sessions.
      return ecsExec?.kmsKey === "none" ? ["ssmmessages"] : ["kms", "ssmmessages"];
    case "sessionManager":
      return ["ec2messages", "ssm", "ssmmessages"];
    case "stepFunctions":
      // The run-task's container needs what the workload already reaches (ECR, logs).
      return [];
  }
}
