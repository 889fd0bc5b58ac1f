import * as pulumi from "@pulumi/pulumi";
import type { AwsContext } from "../components/awsContext";
import { CAPACITY_PROVIDERS, CapacityProvider } from "../config/options";
import { FieldReader, isPlainObject, show } from "../config/fieldReader";
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
  if (!isPlainObject(service)) return serviceShapeProblems(argsName, service);
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
  return [...problems, ...serviceShapeProblems(argsName, service)];
}

/**
 * How each key of {@link ExistingService} is given when it is a plain value. A `Record` over
 * every key, so a key added to the interface must be added here (the compiler says so).
 */
const SHAPES: Record<ServiceKey, "string" | "strings" | "other"> = {
  clusterName: "string",
  clusterArn: "string",
  serviceName: "string",
  containerName: "other", // a plain string only: serviceProblems checks it
  taskDefinitionFamily: "string",
  taskRoleArn: "string",
  executionRoleArn: "string",
  containerLogGroupName: "string",
  subnetIds: "strings",
  securityGroupId: "string",
  capacityProvider: "other",
  containerDefinitions: "string",
  attachTaskRolePolicy: "other",
};

/** Every key of {@link ExistingService}. */
const SERVICE_KEYS = Object.keys(SHAPES) as ServiceKey[];

/** An Output or a Promise: known only when the program runs, so taken as given here. */
function isEventual(value: unknown): boolean {
  return (
    pulumi.Output.isInstance(value) ||
    (typeof value === "object" &&
      value !== null &&
      typeof Reflect.get(value, "then") === "function")
  );
}

/**
 * The problems of `service`'s shape: it is not an object, a key it does not have (a typo
 * would otherwise leave the key it meant missing, or silently unused), or a plain value of the
 * wrong type, such as one subnet id where a list is expected (config read as a string).
 */
function serviceShapeProblems(argsName: string, service: unknown): string[] {
  const problems: string[] = [];
  if (!isPlainObject(service)) {
    return [`${argsName}.service: must be an object of names and ARNs; got ${show(service)}.`];
  }
  const given = Object.fromEntries(
    Object.entries(service).filter(([, value]) => value !== undefined),
  );
  const reader = new FieldReader(`${argsName}.service`, given, problems);
  reader.rejectUnknownKeys(SERVICE_KEYS);
  for (const [key, value] of Object.entries(given)) {
    const shape = SHAPES[key as ServiceKey];
    if (shape === undefined || isEventual(value)) continue;
    if (shape === "string" && typeof value !== "string") {
      reader.fail(key, `must be a string (a name or ARN) or an Output of one; got ${show(value)}.`);
    }
    const isList =
      Array.isArray(value) && value.every((item) => typeof item === "string" || isEventual(item));
    if (shape === "strings" && !isList) {
      reader.fail(key, `must be a list of ids, e.g. ["subnet-0abc1234"]; got ${show(value)}.`);
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
