/** The fields of an ECS container definition the rules read. */
export interface ContainerDefinition {
  name?: string;
  privileged?: boolean;
  readonlyRootFilesystem?: boolean;
  mountPoints?: { containerPath?: string; readOnly?: boolean }[];
  linuxParameters?: {
    initProcessEnabled?: boolean;
    capabilities?: { add?: string[]; drop?: string[] };
  };
  environment?: { name?: string; value?: string }[];
}

/** Parses `containerDefinitions` (JSON text or a list); `undefined` while unknown or invalid. */
export function parseContainerDefinitions(value: unknown): ContainerDefinition[] | undefined {
  if (Array.isArray(value)) {
    return value as ContainerDefinition[];
  }
  if (typeof value !== "string") {
    return undefined;
  }
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function containerName(container: ContainerDefinition): string {
  return container.name ?? "(unnamed)";
}
