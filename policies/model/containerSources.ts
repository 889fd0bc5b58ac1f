import { PolicyResource } from "@pulumi/policy";
import { readDefinition, requestOf, sdkIntegrationOf } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";
import { FieldReader, readContainer, readVolumes } from "./containerFields";
import { ContainerOrigin, RunnableTask } from "./containers";
import { templateResources } from "./templateResources";
import { fromProperty, JsonValue, NOT_KNOWN, parseJson } from "./goJson";

/** ECS task definitions: `aws` (containerDefinitions as JSON text) and `aws-native` (objects). */
export const TASK_DEFINITION_TYPES = [TYPES.taskDefinition, "aws-native:ecs:TaskDefinition"];
/** AWS Batch job definitions, both providers. */
export const JOB_DEFINITION_TYPES = [TYPES.batchJobDefinition, "aws-native:batch:JobDefinition"];

/** A CloudFormation stack: its template's task and job definitions are read too. */
export const TEMPLATE_STACK_TYPE = "aws:cloudformation/stack:Stack";
/** Every type the model reads containers from. */
export const CONTAINER_SOURCE_TYPES = [
  ...TASK_DEFINITION_TYPES,
  ...JOB_DEFINITION_TYPES,
  TEMPLATE_STACK_TYPE,
  // The task and job definitions its AWS SDK states register (see registeredTasks).
  TYPES.stateMachine,
];

/** The tasks one resource defines; none for types that define no containers. */
export function tasksOfResource(resource: PolicyResource): RunnableTask[] {
  const origin: ContainerOrigin = { urn: resource.urn, name: resource.name, type: resource.type };
  if (TASK_DEFINITION_TYPES.includes(resource.type)) {
    return [
      taskDefinition(
        origin,
        fromProperty(() => resource.props),
      ),
    ];
  }
  if (JOB_DEFINITION_TYPES.includes(resource.type)) {
    return jobDefinitionTasks(
      origin,
      fromProperty(() => resource.props),
    );
  }
  if (resource.type === TYPES.stateMachine) {
    return registeredTasks(origin, resource);
  }
  if (resource.type === TEMPLATE_STACK_TYPE) {
    return templateTasks(
      origin,
      fromProperty(() => resource.props),
    );
  }
  return [];
}

/**
 * The task and job definitions of a CloudFormation template given as JSON text (`templateBody`):
 * `AWS::ECS::TaskDefinition` and `AWS::Batch::JobDefinition` resources, whose `Properties` have
 * the shapes aws-native reads (aws-native is generated from the same CloudFormation schemas).
 */
function templateTasks(origin: ContainerOrigin, props: JsonValue): RunnableTask[] {
  return templateResources(props).flatMap(({ logicalId, type, properties }) => {
    const at: ContainerOrigin = { ...origin, name: `${origin.name}/${logicalId}` };
    if (type === "AWS::ECS::TaskDefinition") return [taskDefinition(at, properties ?? null)];
    if (type === "AWS::Batch::JobDefinition") return jobDefinitionTasks(at, properties ?? null);
    return [];
  });
}

/**
 * The task and job definitions a state machine registers through AWS SDK integrations:
 * `aws-sdk:ecs:registerTaskDefinition` (the ECS RegisterTaskDefinition request:
 * `ContainerDefinitions`, `NetworkMode`, `PidMode`, `Volumes`, …) and
 * `aws-sdk:batch:registerJobDefinition` (`ContainerProperties`, `EcsProperties`,
 * `NodeProperties`, `PlatformCapabilities`). Step Functions writes SDK parameters in PascalCase
 * ("Learning to use AWS service SDK integrations in Step Functions"), the API's own names with
 * a capital first letter, so the field reader's case folding reads them as the providers' fields.
 * A container registered this way runs like any other, so the container rules judge it.
 */
function registeredTasks(origin: ContainerOrigin, resource: PolicyResource): RunnableTask[] {
  const definition = fromProperty(() => resource.props.definition);
  const read = readDefinition(definition === NOT_KNOWN ? undefined : definition);
  if (read.kind !== "parsed") return [];
  return read.definition.states.flatMap((located) => {
    const integration = sdkIntegrationOf(located);
    const at: ContainerOrigin = { ...origin, name: `${origin.name} state ${located.path}` };
    const request = () => fromProperty(() => requestOf(located));
    if (integration === "aws-sdk:ecs:registerTaskDefinition") {
      return [taskDefinition(at, request())];
    }
    return integration === "aws-sdk:batch:registerJobDefinition"
      ? jobDefinitionTasks(at, request())
      : [];
  });
}

/** A property that holds structured data as JSON text (`aws`) or as objects (`aws-native`). */
function structured(read: FieldReader, props: JsonValue, path: string): JsonValue | undefined {
  const value = read.get(props, path);
  if (read.notKnown.includes(read.prefix ? `${read.prefix}.${path}` : path)) return NOT_KNOWN;
  return typeof value === "string" ? (parseJson(value) ?? `not JSON: ${path}`) : value;
}

function emptyTask(
  origin: ContainerOrigin,
  path: string,
  read: FieldReader,
  kind: RunnableTask["kind"],
): RunnableTask {
  return {
    origin,
    kind,
    path,
    compatibilities: [],
    volumes: [],
    containers: [],
    containersNotKnown: false,
    notKnown: read.notKnown,
  };
}

/** The task-level settings every ECS-shaped task has (task definition, Batch EcsTaskProperties). */
function readTaskSettings(task: RunnableTask, read: FieldReader, source: JsonValue | undefined) {
  task.networkMode = read.string(source, "networkMode");
  task.pidMode = read.string(source, "pidMode");
  task.ipcMode = read.string(source, "ipcMode");
  task.operatingSystemFamily = read.string(source, "runtimePlatform.operatingSystemFamily");
  task.volumes = readVolumes(read, source);
}

/** Reads `list` (the container definitions) into `task`, or says why it cannot. */
function readContainerList(task: RunnableTask, list: JsonValue | undefined, path: string) {
  if (list === NOT_KNOWN) {
    task.containersNotKnown = true;
    return;
  }
  if (!Array.isArray(list)) {
    task.unreadable = `${path} could not be read as a JSON list of containers`;
    return;
  }
  task.containers = list.map((definition, index) =>
    readContainer(task, definition, `${path}[${index}]`, "(unnamed)"),
  );
}

function taskDefinition(origin: ContainerOrigin, props: JsonValue): RunnableTask {
  const read = new FieldReader();
  const task = emptyTask(origin, "", read, "taskDefinition");
  readTaskSettings(task, read, props);
  task.compatibilities = read.strings(props, "requiresCompatibilities");
  readContainerList(task, structured(read, props, "containerDefinitions"), "containerDefinitions");
  return task;
}

/**
 * The tasks of a Batch job definition: the single container of `containerProperties` (its
 * volumes and runtime platform are its own), each task of `ecsProperties.taskProperties`, and
 * the same two forms in every node range of a multi-node job (AWS Batch API reference
 * RegisterJobDefinition: containerProperties, ecsProperties, nodeProperties.nodeRangeProperties).
 * `platformCapabilities` says FARGATE or EC2 (default EC2).
 */
function jobDefinitionTasks(origin: ContainerOrigin, props: JsonValue): RunnableTask[] {
  const read = new FieldReader();
  const platforms = read.strings(props, "platformCapabilities");
  const compatibilities = platforms.length > 0 ? platforms : ["EC2"];
  const tasks: RunnableTask[] = [];
  const addForms = (source: JsonValue | undefined, prefix: string, texts: boolean) => {
    const container = texts
      ? structured(read, source as JsonValue, "containerProperties")
      : read.get(source, "container");
    const containerPath = `${prefix}${texts ? "containerProperties" : "container"}`;
    if (container !== undefined) {
      const below = read.below(containerPath);
      const task = emptyTask(origin, containerPath, below, "jobDefinition");
      task.compatibilities = compatibilities;
      if (container === NOT_KNOWN) {
        task.containersNotKnown = true;
      } else if (typeof container === "string") {
        task.unreadable = `${containerPath} could not be read as JSON`;
      } else {
        task.operatingSystemFamily = below.string(
          container,
          "runtimePlatform.operatingSystemFamily",
        );
        task.volumes = readVolumes(below, container);
        task.containers = [readContainer(task, container, containerPath, origin.name)];
      }
      tasks.push(task);
    }
    const ecs = texts
      ? structured(read, source as JsonValue, "ecsProperties")
      : read.get(source, "ecsProperties");
    read.list(ecs, "taskProperties").forEach((properties, index) => {
      const path = `${prefix}ecsProperties.taskProperties[${index}]`;
      const taskRead = new FieldReader(path, read.notKnown);
      const task = emptyTask(origin, path, taskRead, "jobDefinition");
      task.compatibilities = compatibilities;
      readTaskSettings(task, taskRead, properties);
      readContainerList(task, taskRead.get(properties, "containers"), `${path}.containers`);
      tasks.push(task);
    });
  };
  addForms(props, "", true);
  const nodes = structured(read, props, "nodeProperties");
  read
    .list(nodes, "nodeRangeProperties")
    .forEach((range, index) =>
      addForms(range, `nodeProperties.nodeRangeProperties[${index}].`, false),
    );
  return tasks;
}
