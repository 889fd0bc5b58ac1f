import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../components/awsContext";
import { CAPACITY_PROVIDERS, CapacityProvider } from "../config/options";
import { show } from "../config/fieldReader";
import type { AccessTarget } from "../strategies/accessStrategy";
import { patchContainerDefinitions } from "./containerPatch";

/**
 * A Fargate service a team already runs (in this program or another), by names and ARNs: pass a
 * resource's outputs (`cluster.name`, `taskRole.arn`) or plain strings. Each strategy needs only
 * some of these keys; a missing one is named before anything is created.
 */
export interface ExistingService {
  /** Name of the ECS cluster the service runs in. Required by every strategy. */
  clusterName: pulumi.Input<string>;
  /** ARN of that cluster. Default: built from `clusterName` in the account and region of the provider. */
  clusterArn?: pulumi.Input<string>;
  /** Name of the always-on service whose tasks operators reach. Required by ECS Exec. */
  serviceName?: pulumi.Input<string>;
  /** Name of the container operators reach (in the task definition). Required by every strategy. */
  containerName: string;
  /** Family of the service's task definition; one-off runs start its latest ACTIVE revision. Required by Step Functions. */
  taskDefinitionFamily?: pulumi.Input<string>;
  /** ARN of the task role. Required by Step Functions (it passes the role); with it, ECS Exec and Session Manager attach the task-role policy they need. */
  taskRoleArn?: pulumi.Input<string>;
  /** ARN of the task execution role. Required by Step Functions (it passes the role). */
  executionRoleArn?: pulumi.Input<string>;
  /** The container's awslogs log group, where a one-off run's output goes. Required by Step Functions, and by ECS Exec with `logging: default`. */
  containerLogGroupName?: pulumi.Input<string>;
  /** Private subnets one-off runs start in, as the service's tasks do. Required by Step Functions. */
  subnetIds?: pulumi.Input<string[]>;
  /** Security group one-off runs get, as the service's tasks do. Required by Step Functions. */
  securityGroupId?: pulumi.Input<string>;
  /** Capacity provider of one-off runs: `FARGATE` or `FARGATE_SPOT`. Default: `FARGATE`. */
  capacityProvider?: string;
  /** The task definition's `containerDefinitions` (a JSON string, as aws.ecs.TaskDefinition takes it); when given, the component returns them patched (`containerDefinitions` output). */
  containerDefinitions?: pulumi.Input<string>;
  /** Attach the task-role policy to `taskRoleArn` (an inline policy of the component). Default: `true`; with `false` it is only returned (`requirements.taskRolePolicy`). */
  attachTaskRolePolicy?: boolean;
}

/** A key of {@link ExistingService} a strategy cannot work without. */
export type ServiceKey = keyof ExistingService;

/** The keys a strategy needs, and for what (the end of "…; <why> it needs …"). */
export interface ServiceKeys {
  keys: readonly ServiceKey[];
  why: string;
}

/**
 * The problems with `service` for a strategy that needs `required`: every missing key at once,
 * then the values that are plain and wrong. Nothing is created before these are empty.
 */
export function serviceProblems(
  argsName: string,
  service: ExistingService,
  required: readonly ServiceKey[],
  why: string,
): string[] {
  const problems: string[] = [];
  const missing = required.filter((key) => isMissing(service[key]));
  if (missing.length > 0) {
    problems.push(
      `${argsName}.service: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing (${why} needs ${required.join(", ")}); pass ${missing.length === 1 ? "it" : "them"} as names or ARNs, e.g. a resource's outputs.`,
    );
  }
  if (service.containerName !== undefined && typeof service.containerName !== "string") {
    problems.push(
      `${argsName}.service.containerName: must be a plain string (the printed commands name it); got ${show(service.containerName)}.`,
    );
  }
  const capacity = service.capacityProvider;
  if (capacity !== undefined && !(CAPACITY_PROVIDERS as readonly string[]).includes(capacity)) {
    problems.push(
      `${argsName}.service.capacityProvider: ${show(capacity)} is not allowed; use one of ${CAPACITY_PROVIDERS.join(", ")}.`,
    );
  }
  const attach = service.attachTaskRolePolicy;
  if (attach !== undefined && typeof attach !== "boolean") {
    problems.push(
      `${argsName}.service.attachTaskRolePolicy: ${show(attach)} is not allowed; use true or false.`,
    );
  }
  // Plain definitions are checked now; an Output is checked once known (serviceAttachment.ts).
  if (
    typeof service.containerDefinitions === "string" &&
    typeof service.containerName === "string"
  ) {
    const patched = patchContainerDefinitions(service.containerDefinitions, {
      containerName: service.containerName,
      environment: {},
    });
    if ("problem" in patched) {
      problems.push(`${argsName}.service.containerDefinitions: ${patched.problem}`);
    }
  }
  return problems;
}

/**
 * Absent, an empty string, or an empty plain list: a one-off run needs at least one subnet
 * (ECS API Reference, AwsVpcConfiguration: `subnets` is required), and RunTask would refuse an
 * empty list only when an operator starts a run. An Output is taken as given.
 */
function isMissing(value: unknown): boolean {
  return value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * The {@link AccessTarget} of an existing service. Keys a strategy does not require may be
 * absent: they become empty values that strategy never reads (`serviceProblems` has checked
 * the ones it does).
 */
export function existingServiceTarget(
  service: ExistingService,
  context: AwsContext,
  oneOffEnvironment: Record<string, string>,
): AccessTarget {
  return {
    clusterArn:
      service.clusterArn ??
      pulumi.interpolate`arn:${context.partition}:ecs:${context.region}:${context.accountId}:cluster/${service.clusterName}`,
    clusterName: service.clusterName,
    serviceName: service.serviceName ?? "",
    containerName: service.containerName,
    taskDefinitionFamily: service.taskDefinitionFamily ?? "",
    taskRoleArn: service.taskRoleArn ?? "",
    executionRoleArn: service.executionRoleArn ?? "",
    containerLogGroupName: service.containerLogGroupName ?? "",
    subnetIds: service.subnetIds ?? [],
    securityGroupId: service.securityGroupId ?? "",
    capacityProvider: (service.capacityProvider as CapacityProvider | undefined) ?? "FARGATE",
    oneOffEnvironment,
  };
}

/**
 * The role name in a role ARN: its last path segment ("arn:aws:iam::123456789012:role/path/
 * name"; IAM User Guide, "IAM identifiers", ARNs), which `iam:PutRolePolicy` takes as RoleName.
 */
export function roleNameOfArn(arn: string): string {
  const resource = arn.split(":").slice(5).join(":");
  if (!resource.startsWith("role/")) {
    throw new Error(`${show(arn)} is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME).`);
  }
  return resource.slice(resource.lastIndexOf("/") + 1);
}
