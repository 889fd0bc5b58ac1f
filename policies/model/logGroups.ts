import { PolicyResource } from "@pulumi/policy";
import { tasksOf } from "./containers";
import { execConfigurationOf } from "../lib/execConfiguration";
import { isTrue } from "../lib/providerBooleans";
import { Undecided } from "../lib/unknowns";

/**
 * The log groups of a stack, the ones that hold audit trails, and the ones services create by
 * themselves outside the stack.
 */

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const NATIVE_LOG_GROUP = "aws-native:logs:LogGroup";

/** A log group's retention: days, or `never` when unset or 0 (the provider's "never expire"). */
export function retentionOf(group: PolicyResource): number | "never" {
  const value = group.props.retentionInDays;
  const days = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof days === "number" && Number.isFinite(days) && days > 0 ? days : "never";
}

/** Log group name → the stack's log group resource (aws and aws-native). */
export function logGroupsByName(resources: PolicyResource[]): Map<string, PolicyResource> {
  const byName = new Map<string, PolicyResource>();
  for (const group of resources.filter(
    (r) => r.type === LOG_GROUP || r.type === NATIVE_LOG_GROUP,
  )) {
    const name = group.type === NATIVE_LOG_GROUP ? group.props.logGroupName : group.props.name;
    if (typeof name === "string") byName.set(name, group);
  }
  return byName;
}

/** A log group some resource writes to, and why. */
export interface LogDestination {
  name: string;
  /** The resource that writes there. */
  writer: PolicyResource;
  what: string;
}

/** `arn:…:logs:region:account:log-group:NAME` with an optional `:*` → NAME. */
function groupNameOfArn(arn: unknown): string | undefined {
  const match = typeof arn === "string" ? /:log-group:([^:]+)(?::\*)?$/.exec(arn) : null;
  return match?.[1];
}

function sessionDocumentGroup(props: Record<string, unknown>): string | undefined {
  if (props.documentType !== "Session" || typeof props.content !== "string") return undefined;
  try {
    const inputs = (JSON.parse(props.content) as { inputs?: { cloudWatchLogGroupName?: unknown } })
      .inputs;
    return typeof inputs?.cloudWatchLogGroupName === "string"
      ? inputs.cloudWatchLogGroupName
      : undefined;
  } catch {
    return undefined;
  }
}

/** What `read` finds in each resource; a resource with unknown values is noted as undecided. */
function destinations(
  resources: PolicyResource[],
  undecided: Undecided,
  read: (resource: PolicyResource) => LogDestination[],
): LogDestination[] {
  return resources.flatMap((resource) => undecided.attemptOn(resource, () => read(resource)) ?? []);
}

/**
 * Log groups that hold who did what: ECS Exec transcripts (cluster logging OVERRIDE,
 * `cloudWatchLogGroupName`), Session Manager transcripts (a Session document's
 * `inputs.cloudWatchLogGroupName`, Session Manager user guide "Session document schema"), and
 * state machine execution history (`loggingConfiguration.logDestination`, a log group ARN).
 */
export function auditLogDestinations(
  resources: PolicyResource[],
  undecided: Undecided,
): LogDestination[] {
  return destinations(resources, undecided, (resource) => {
    const found: LogDestination[] = [];
    const add = (name: string | undefined, what: string) => {
      if (name) found.push({ name, writer: resource, what });
    };
    if (resource.type === "aws:ecs/cluster:Cluster") {
      const exec = execConfigurationOf(resource.props);
      if (exec?.logging === "OVERRIDE")
        add(exec.logConfiguration?.cloudWatchLogGroupName, "ECS Exec session transcripts");
    }
    if (resource.type === "aws:ssm/document:Document") {
      add(sessionDocumentGroup(resource.props), "Session Manager transcripts");
    }
    if (resource.type === "aws:sfn/stateMachine:StateMachine") {
      const logging = resource.props.loggingConfiguration as
        { logDestination?: unknown } | undefined;
      add(groupNameOfArn(logging?.logDestination), "state machine execution history");
    }
    return found;
  });
}

/**
 * Log groups services create on their own when missing, with no retention: Lambda writes to
 * `loggingConfig.logGroup` or else `/aws/lambda/<function name>`, which "CloudWatch
 * automatically creates … when it's first invoked" (Lambda developer guide, "Configuring
 * CloudWatch log groups"); the awslogs driver creates `awslogs-group` when
 * `awslogs-create-group` is true (ECS developer guide, "Send Amazon ECS logs to CloudWatch").
 */
export function selfCreatedLogGroups(
  resources: PolicyResource[],
  undecided: Undecided,
): LogDestination[] {
  return destinations(resources, undecided, (resource) => {
    if (resource.type === "aws:lambda/function:Function") {
      const configured = (resource.props.loggingConfig as { logGroup?: unknown } | undefined)
        ?.logGroup;
      const name =
        typeof configured === "string" && configured !== ""
          ? configured
          : typeof resource.props.name === "string"
            ? `/aws/lambda/${resource.props.name}`
            : undefined;
      return name
        ? [{ name, writer: resource, what: "Lambda creates it on first invocation" }]
        : [];
    }
    if (resource.type === "aws:ecs/taskDefinition:TaskDefinition") {
      return tasksOf(resource)
        .flatMap((task) => task.containers)
        .flatMap((container) => {
          const option = (name: string) =>
            container.logOptions.find((entry) => entry.name === name)?.value;
          const group = option("awslogs-group");
          return container.logDriver === "awslogs" &&
            isTrue(option("awslogs-create-group")) &&
            group !== undefined
            ? [
                {
                  name: group,
                  writer: resource,
                  what: `the awslogs driver of container ${container.name} creates it`,
                },
              ]
            : [];
        });
    }
    return [];
  });
}
