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
};

export function isTaskLauncher(type: string): boolean {
  return type in LAUNCHERS;
}

/** The awsvpc settings of a task launcher; `undefined` for other types or when it has none. */
export function launchNetwork(type: string, props: Props): LaunchNetwork | undefined {
  const path = LAUNCHERS[type];
  const settings = path ? at(props, path) : undefined;
  if (typeof settings !== "object" || settings === null) {
    return undefined;
  }
  return { where: path.join("."), settings };
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
