import { isPlainObject, show } from "../config/fieldReader";

/** What a strategy changes in the team's container definition. */
export interface ContainerPatch {
  /** The container to change, by name. */
  containerName: string;
  entryPoint?: string[];
  environment: Record<string, string>;
}

/**
 * The team's `containerDefinitions` JSON with one container patched: `initProcessEnabled` on
 * (other `linuxParameters` kept), the strategy's entry point, and its variables (set over any
 * of the same name; the rest kept in order). ECS reads `environment` as a list of name/value
 * pairs (RegisterTaskDefinition, ContainerDefinition.environment). Returns the problem instead
 * when the JSON is not a list of containers or has none of that name.
 */
export function patchContainerDefinitions(
  json: string,
  patch: ContainerPatch,
): { containerDefinitions: string } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return {
      problem: `is not JSON (${(error as Error).message}); pass the task definition's containerDefinitions as aws.ecs.TaskDefinition takes them.`,
    };
  }
  if (!Array.isArray(parsed) || !parsed.every(isPlainObject)) {
    return { problem: `must be a JSON list of container definitions; got ${show(parsed)}.` };
  }
  const names = parsed.map((container) => container.name);
  const index = names.indexOf(patch.containerName);
  if (index < 0) {
    return {
      problem: `has no container named ${show(patch.containerName)} (service.containerName); its containers: ${names.map((name) => show(name)).join(", ") || "none"}.`,
    };
  }
  const container = parsed[index];
  const patchedNames = new Set(Object.keys(patch.environment));
  const environment = [
    ...(Array.isArray(container.environment) ? container.environment : []).filter(
      (variable: unknown) => !(isPlainObject(variable) && patchedNames.has(String(variable.name))),
    ),
    ...Object.keys(patch.environment)
      .sort()
      .map((name) => ({ name, value: patch.environment[name] })),
  ];
  const linuxParameters = isPlainObject(container.linuxParameters) ? container.linuxParameters : {};
  const patched = {
    ...container,
    ...(patch.entryPoint ? { entryPoint: patch.entryPoint } : {}),
    ...(environment.length > 0 ? { environment } : {}),
    linuxParameters: { ...linuxParameters, initProcessEnabled: true },
  };
  const containers = parsed.map((item, i) => (i === index ? patched : item));
  return { containerDefinitions: JSON.stringify(containers) };
}
