import { PolicyResource } from "@pulumi/policy";
import { tasksOfResource } from "./containerSources";

/**
 * Every container a stack can run, in one shape whatever wrote it: ECS task definitions (`aws`
 * with `containerDefinitions` as JSON text, `aws-native` with objects) and AWS Batch job
 * definitions (`containerProperties`, `ecsProperties`, `nodeProperties`, as text or objects),
 * and both inside CloudFormation stacks' JSON templates.
 * Rules ask this model; none reads a provider's shape itself. Parts not known during a preview
 * are listed in `notKnown` (property paths) and left out of the values, so what is known is
 * still judged.
 */

/** Where a task (and so its containers) was written. */
export interface ContainerOrigin {
  urn: string;
  /** The resource's logical name. */
  name: string;
  /** The provider type token, e.g. `aws:ecs/taskDefinition:TaskDefinition`. */
  type: string;
}

export interface NamedValue {
  name: string;
  value: string;
}

export interface MountPoint {
  sourceVolume?: string;
  containerPath?: string;
  readOnly: boolean;
}

/** A task volume; `hostPath` when it binds a path of the host into the task. */
export interface Volume {
  name: string;
  hostPath?: string;
}

export interface Container {
  task: RunnableTask;
  /** The property path of this container inside its resource, for messages. */
  path: string;
  name: string;
  image?: string;
  privileged?: boolean;
  readonlyRootFilesystem?: boolean;
  initProcessEnabled?: boolean;
  capabilitiesAdded: string[];
  user?: string;
  environment: NamedValue[];
  /** `secrets` entries: name → `valueFrom` (an ARN or parameter name, never the secret). */
  secrets: NamedValue[];
  command: string[];
  entryPoint: string[];
  dockerLabels: NamedValue[];
  mountPoints: MountPoint[];
  /** `logConfiguration.logDriver` (`awslogs`, `firelens`, …) and its `options`. */
  logDriver?: string;
  logOptions: NamedValue[];
  /** Paths (relative to the container, e.g. `privileged`, `environment[1].value`) not known yet. */
  notKnown: string[];
}

/** What a task (an ECS task definition, one Batch task or job container) sets for all its containers. */
export interface RunnableTask {
  origin: ContainerOrigin;
  /** An ECS task definition, or a task or container of a Batch job definition. */
  kind: "taskDefinition" | "jobDefinition";
  /** The path of the task inside the resource (`""` for a task definition). */
  path: string;
  networkMode?: string;
  pidMode?: string;
  ipcMode?: string;
  /** `runtimePlatform.operatingSystemFamily`, e.g. `LINUX`, `WINDOWS_SERVER_2022_CORE`. */
  operatingSystemFamily?: string;
  /** `requiresCompatibilities` (ECS) or `platformCapabilities` (Batch): FARGATE, EC2, EXTERNAL. */
  compatibilities: string[];
  volumes: Volume[];
  containers: Container[];
  /** Why the container list could not be read (not valid JSON, not a list). */
  unreadable?: string;
  /** The container list itself (JSON text or a list) is not known yet: no container is judged. */
  containersNotKnown: boolean;
  /** Task-level paths not known yet (e.g. `pidMode`, `volumes[0].host.sourcePath`). */
  notKnown: string[];
}

const cache = new WeakMap<object, RunnableTask[]>();

/**
 * The tasks of one resource (none for types that define no containers). Built once per resource
 * for all the rules of a request: the policy server hands every rule the same deserialized
 * properties behind a fresh proxy (lib/deserializeOnce.ts), so they are the cache key.
 */
export function tasksOf(resource: PolicyResource): RunnableTask[] {
  const key = rawProperties(resource.props);
  let tasks = cache.get(key);
  if (!tasks) {
    tasks = tasksOfResource(resource);
    cache.set(key, tasks);
  }
  return tasks;
}

/** Every task of the stack. */
export function runnableTasks(resources: PolicyResource[]): RunnableTask[] {
  return resources.flatMap(tasksOf);
}

/** Every container of the stack. */
export function containersOf(resources: PolicyResource[]): Container[] {
  return runnableTasks(resources).flatMap((task) => task.containers);
}

/** Linux has an init process; Windows containers have none (ECS ignores `linuxParameters`). */
export function isWindows(task: RunnableTask): boolean {
  return /^WINDOWS/i.test(task.operatingSystemFamily ?? "");
}

/** The `notKnown` paths of a container under `prefix` (itself included). */
export function notKnownUnder(container: Container, prefix: string): string[] {
  return container.notKnown.filter(
    (path) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`),
  );
}

/** Whether `field` (and the container as a whole) was known when the model was built. */
export function isKnown(container: Container, field: string): boolean {
  return [WHOLE_CONTAINER, field].every((path) => notKnownUnder(container, path).length === 0);
}

/** The `notKnown` entry of a container whose definition as a whole is not known yet. */
export const WHOLE_CONTAINER = "(the whole container)";

// The policy server's proxy hands out the object it wraps under this key (@pulumi/policy proxy.js).
const PROXY_TARGET = "__getSpecialProxyTarget";
function rawProperties(props: Record<string, unknown>): object {
  const target = (props as Record<string, unknown>)[PROXY_TARGET];
  return typeof target === "object" && target !== null ? target : props;
}
