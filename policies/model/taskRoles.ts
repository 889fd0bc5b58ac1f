import { PolicyResource } from "@pulumi/policy";
import { readDefinition, requestOf, sdkIntegrationOf } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";
import { dependedOn, knownProps, Pending, rolesReferredBy } from "../lib/roleStatements";
import { FieldReader } from "./containerFields";
import { asRecord, LAUNCHER_OVERRIDES, literal } from "./containerOverrides";
import { launchersOf, SSM_DOCUMENT_TYPES } from "./launchers";
import { TASK_DEFINITION_TYPES, JOB_DEFINITION_TYPES } from "./containerSources";
import { fromProperty, JsonValue, parseJson } from "./goJson";

/**
 * Every role a container of the stack may run as, wherever the stack names it. A rule that
 * judges task roles asks this model and never reads a provider's shape itself.
 *
 * - ECS task definitions: `taskRoleArn` (the `aws` and `aws-native` providers spell it alike).
 * - Launchers that override it: RunTask `overrides.taskRoleArn` ("The Amazon Resource Name (ARN)
 *   of the role that containers in this task can assume", ECS API reference TaskOverride), as a
 *   state machine's ECS task state writes it (`Overrides.TaskRoleArn`, PascalCase: the request is
 *   the RunTask API's), as an EventBridge rule target's or a Scheduler schedule's `input` carries
 *   it (the input of an ECS target is the task's overrides; see containerOverrides.ts), and as a
 *   pipe's `ecsTaskParameters.overrides.taskRoleArn` (EventBridge Pipes EcsTaskOverride).
 * - A state machine's `aws-sdk:ecs:registerTaskDefinition` state (`TaskRoleArn`): the task
 *   definition it registers runs as that role.
 * - AWS Batch job definitions: `containerProperties.jobRoleArn` and
 *   `ecsProperties.taskProperties[].taskRoleArn`, also inside every node range (AWS Batch API
 *   reference ContainerProperties.jobRoleArn, EcsTaskProperties.taskRoleArn); Batch runs the job
 *   as that role through ECS task roles (AWS Batch user guide, "IAM roles for tasks").
 */

/** One place the stack names a role a container runs as. */
export interface TaskRoleUse {
  resource: PolicyResource;
  /** The property path (or state and request path), for messages. */
  where: string;
  /** The role's ARN or name as written; `undefined` when not known yet. */
  reference?: string;
}

/** The task roles of a stack, and where a preview does not know the role yet. */
export interface TaskRoles {
  roles: PolicyResource[];
  pending: Pending[];
}

/** The SDK integration that registers a task definition (its `TaskRoleArn` is the task role). */
export const REGISTER_TASK_DEFINITION = "aws-sdk:ecs:registerTaskDefinition";

/**
 * A state machine's roles: the role overrides of its ECS task states (the launcher model) and
 * the `TaskRoleArn` of the task definitions its SDK states register.
 */
function stateMachineUses(resource: PolicyResource): TaskRoleUse[] {
  const read = readDefinition(knownProps(resource).props.definition);
  if (read.kind !== "parsed") return [];
  const registered = read.definition.states
    .filter((located) => sdkIntegrationOf(located) === REGISTER_TASK_DEFINITION)
    .map((located) => ({
      where: `state ${located.path} TaskRoleArn`,
      value: asRecord(requestOf(located))?.TaskRoleArn,
    }));
  return [...overrideUses(resource), ...registered]
    .filter(({ value }) => literal(value) && value !== "")
    .map(({ where, value }) => ({ resource, where, reference: value as string }));
}

/** The task role overrides of a resource's states or Automation steps (model/launchers.ts). */
function overrideUses(resource: PolicyResource): { where: string; value: unknown }[] {
  return launchersOf(resource).flatMap(({ roleOverrides }) =>
    roleOverrides?.taskRoleArn
      ? [{ where: `${roleOverrides.where}.TaskRoleArn`, value: roleOverrides.taskRoleArn }]
      : [],
  );
}

/** Reads `path` of a resource's properties into the provider decoder's shape, noting unknowns. */
function usesAt(
  resource: PolicyResource,
  read: FieldReader,
  source: JsonValue | undefined,
  path: string,
  where: string,
): TaskRoleUse[] {
  const value = read.string(source, path);
  return value === undefined || value === "" ? [] : [{ resource, where, reference: value }];
}

function launcherOverrideUses(resource: PolicyResource, read: FieldReader): TaskRoleUse[] {
  const paths = LAUNCHER_OVERRIDES[resource.type];
  const props = fromProperty(() => resource.props);
  if (read.get(props, paths.launch) === undefined) return [];
  const raw = read.get(props, paths.overrides);
  const overrides = paths.text && typeof raw === "string" ? parseJson(raw) : raw;
  return usesAt(resource, read, overrides, "taskRoleArn", `${paths.overrides}.taskRoleArn`);
}

/** A property that holds JSON text (`aws`) or objects (`aws-native`); unknown parts are noted. */
function structured(read: FieldReader, source: JsonValue | undefined, path: string) {
  const value = read.get(source, path);
  return typeof value === "string" ? parseJson(value) : value;
}

function jobDefinitionUses(resource: PolicyResource, read: FieldReader): TaskRoleUse[] {
  const props = fromProperty(() => resource.props);
  const uses: TaskRoleUse[] = [];
  const forms = (source: JsonValue | undefined, prefix: string, container: string) => {
    const containerProps = structured(read, source, container);
    uses.push(
      ...usesAt(resource, read, containerProps, "jobRoleArn", `${prefix}${container}.jobRoleArn`),
    );
    const ecs = structured(read, source, "ecsProperties");
    read.list(ecs, "taskProperties").forEach((task, index) => {
      const where = `${prefix}ecsProperties.taskProperties[${index}].taskRoleArn`;
      uses.push(...usesAt(resource, read, task, "taskRoleArn", where));
    });
  };
  forms(props, "", "containerProperties");
  const nodes = structured(read, props, "nodeProperties");
  read.list(nodes, "nodeRangeProperties").forEach((range, index) => {
    forms(range, `nodeProperties.nodeRangeProperties[${index}].`, "container");
  });
  return uses;
}

/**
 * The places one resource names a role its containers run as; `notKnown` lists the property
 * paths a preview has not computed yet (the role may be there).
 */
export function taskRoleUsesOf(resource: PolicyResource): {
  uses: TaskRoleUse[];
  notKnown: string[];
} {
  const read = new FieldReader();
  if (TASK_DEFINITION_TYPES.includes(resource.type)) {
    const props = fromProperty(() => resource.props);
    return {
      uses: usesAt(resource, read, props, "taskRoleArn", "taskRoleArn"),
      notKnown: read.notKnown,
    };
  }
  if (JOB_DEFINITION_TYPES.includes(resource.type)) {
    return { uses: jobDefinitionUses(resource, read), notKnown: read.notKnown };
  }
  if (resource.type in LAUNCHER_OVERRIDES) {
    return { uses: launcherOverrideUses(resource, read), notKnown: read.notKnown };
  }
  if (SSM_DOCUMENT_TYPES.includes(resource.type)) {
    return {
      uses: overrideUses(resource).map(({ where, value }) => ({
        resource,
        where,
        reference: String(value),
      })),
      notKnown: [],
    };
  }
  if (resource.type === TYPES.stateMachine) {
    const unknown = knownProps(resource).unknown.includes("definition") ? ["definition"] : [];
    return { uses: stateMachineUses(resource), notKnown: unknown };
  }
  return { uses: [], notKnown: [] };
}

/** The top-level property of a path (`containerProperties.jobRoleArn` → `containerProperties`). */
const topLevel = (path: string) => path.split(/[.[]/)[0];

/**
 * The roles one resource runs containers as: by ARN or name, or (a first preview, where the
 * role's ARN is not known yet) by the engine's dependency of a task definition's `taskRoleArn`
 * on the role (lib/roleStatements.ts `dependedOn`).
 */
export function taskRoleOf(resources: PolicyResource[], resource: PolicyResource): TaskRoles {
  const { uses, notKnown } = taskRoleUsesOf(resource);
  const roles = uses.flatMap((use) => rolesReferredBy(resources, use.reference));
  const pending: Pending[] = [];
  for (const key of new Set(notKnown.map(topLevel))) {
    const linked =
      TASK_DEFINITION_TYPES.includes(resource.type) && key === "taskRoleArn"
        ? dependedOn(resource, key, TYPES.role)
        : [];
    roles.push(...linked);
    if (linked.length === 0) pending.push({ resource, key });
  }
  return { roles: [...new Set(roles)], pending };
}

/** Every role a container of the stack may run as. */
export function taskRoles(resources: PolicyResource[]): TaskRoles {
  const found: TaskRoles = { roles: [], pending: [] };
  for (const resource of resources) {
    const { roles, pending } = taskRoleOf(resources, resource);
    found.roles.push(...roles);
    found.pending.push(...pending);
  }
  found.roles = [...new Set(found.roles)];
  return found;
}
