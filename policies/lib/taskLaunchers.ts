import { TYPES } from "./resourceTypes";

/** Where a resource that starts ECS tasks keeps its awsvpc settings, and the settings. */
export interface LaunchNetwork {
  /** The property path, for messages. */
  where: string;
  settings: { assignPublicIp?: unknown; subnets?: unknown };
}

type Props = Record<string, unknown>;

function at(props: Props, path: string[]): unknown {
  let value: unknown = props;
  for (const key of path) {
    if (typeof value !== "object" || value === null) {
      return undefined;
    }
    value = (value as Props)[key];
  }
  return value;
}

/**
 * Resources that start ECS tasks outside a state machine, and the path of their awsvpc settings
 * (Pulumi AWS provider input types: ServiceNetworkConfiguration, TaskSetNetworkConfiguration,
 * EventTargetEcsTargetNetworkConfiguration, ScheduleTargetEcsParametersNetworkConfiguration —
 * `assignPublicIp` boolean — and PipeTargetParametersEcsTaskParametersNetworkConfiguration
 * AwsVpcConfiguration — `assignPublicIp` "ENABLED" | "DISABLED").
 */
const LAUNCHERS: Record<string, string[]> = {
  [TYPES.service]: ["networkConfiguration"],
  [TYPES.taskSet]: ["networkConfiguration"],
  [TYPES.eventTarget]: ["ecsTarget", "networkConfiguration"],
  [TYPES.schedule]: ["target", "ecsParameters", "networkConfiguration"],
  [TYPES.pipe]: [
    "targetParameters",
    "ecsTaskParameters",
    "networkConfiguration",
    "awsVpcConfiguration",
  ],
  // AWS Batch: a compute environment places its jobs' tasks (or instances) in its subnets.
  [TYPES.batchComputeEnvironment]: ["computeResources"],
};

/**
 * AWS Batch job definitions keep the network of their Fargate tasks in JSON text: the
 * `containerProperties`, or each of `ecsProperties.taskProperties`, has
 * `networkConfiguration.assignPublicIp` ENABLED | DISABLED (AWS Batch API reference:
 * ContainerProperties, EcsTaskProperties, NetworkConfiguration).
 */
function batchJobNetworks(props: Props): LaunchNetwork[] {
  const parse = (text: unknown): Props => {
    try {
      return typeof text === "string" ? (JSON.parse(text) as Props) : {};
    } catch {
      return {};
    }
  };
  const found: LaunchNetwork[] = [];
  const container = at(parse(props.containerProperties), ["networkConfiguration"]);
  if (typeof container === "object" && container !== null) {
    found.push({ where: "containerProperties.networkConfiguration", settings: container });
  }
  const tasks = at(parse(props.ecsProperties), ["taskProperties"]);
  (Array.isArray(tasks) ? tasks : []).forEach((task, index) => {
    const network = at(task as Props, ["networkConfiguration"]);
    if (typeof network === "object" && network !== null) {
      found.push({
        where: `ecsProperties.taskProperties[${index}].networkConfiguration`,
        settings: network,
      });
    }
  });
  return found;
}

export function isTaskLauncher(type: string): boolean {
  return type in LAUNCHERS || type === TYPES.batchJobDefinition;
}

/** The awsvpc settings of a task launcher; none for other types or when it has none. */
export function launchNetworks(type: string, props: Props): LaunchNetwork[] {
  if (type === TYPES.batchJobDefinition) {
    return batchJobNetworks(props);
  }
  const path = LAUNCHERS[type];
  const settings = path ? at(props, path) : undefined;
  return typeof settings === "object" && settings !== null
    ? [{ where: path.join("."), settings }]
    : [];
}

// Each reads only its own field: during a preview an unknown subnet list must not stop the
// public IP check, nor the other way round.
export function asksForPublicIp({ settings }: LaunchNetwork): boolean {
  return settings.assignPublicIp === true || settings.assignPublicIp === "ENABLED";
}

export function subnetsOf({ settings }: LaunchNetwork): string[] {
  return Array.isArray(settings.subnets) ? settings.subnets.map(String) : [];
}

/** Where a launcher turns ECS Exec on and names its task definition. */
const EXEC_PATHS: Record<string, { exec: string[]; taskDefinition: string[] }> = {
  [TYPES.service]: { exec: ["enableExecuteCommand"], taskDefinition: ["taskDefinition"] },
  [TYPES.eventTarget]: {
    exec: ["ecsTarget", "enableExecuteCommand"],
    taskDefinition: ["ecsTarget", "taskDefinitionArn"],
  },
  [TYPES.schedule]: {
    exec: ["target", "ecsParameters", "enableExecuteCommand"],
    taskDefinition: ["target", "ecsParameters", "taskDefinitionArn"],
  },
  [TYPES.pipe]: {
    exec: ["targetParameters", "ecsTaskParameters", "enableExecuteCommand"],
    taskDefinition: ["targetParameters", "ecsTaskParameters", "taskDefinitionArn"],
  },
};

/** The task definition a launcher starts with ECS Exec on; `undefined` when exec is off. */
export function execTaskDefinition(type: string, props: Props): unknown {
  const paths = EXEC_PATHS[type];
  return paths && at(props, paths.exec) === true ? at(props, paths.taskDefinition) : undefined;
}
