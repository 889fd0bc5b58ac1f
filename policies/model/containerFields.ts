import {
  Container,
  MountPoint,
  NamedValue,
  RunnableTask,
  Volume,
  WHOLE_CONTAINER,
} from "./containers";
import { field, JsonValue, mapEntries, NOT_KNOWN } from "./goJson";

/**
 * Reads the fields of one container definition into the model, whichever provider wrote it.
 * ECS `ContainerDefinition`, Batch `ContainerProperties` and Batch `TaskContainerProperties`
 * share these field names (ECS API reference ContainerDefinition; AWS Batch API reference
 * ContainerProperties, TaskContainerProperties), and keys are matched as the provider's decoder
 * does (goJson.ts), so `Privileged`, `PRIVILEGED` and `privileged` are one field.
 */
export class FieldReader {
  constructor(
    readonly prefix = "",
    readonly notKnown: string[] = [],
  ) {}

  /** A reader for the object at `path` below this one; notes go to the same list. */
  below(path: string): FieldReader {
    return new FieldReader(this.at(path), this.notKnown);
  }

  private at(path: string): string {
    return this.prefix ? `${this.prefix}.${path}` : path;
  }

  /** The value at a dotted path of struct fields; `NOT_KNOWN` parts are noted. */
  get(value: JsonValue | undefined, path: string): JsonValue | undefined {
    let current = value;
    for (const name of path.split(".")) {
      if (current === NOT_KNOWN) break;
      current = field(current, name);
    }
    if (current === NOT_KNOWN) {
      this.notKnown.push(this.at(path));
      return undefined;
    }
    return current;
  }

  /**
   * A boolean. `"true"` / `"false"` in any case count as the boolean they spell: the `aws`
   * provider's decoder rejects a string there ("cannot unmarshal string into Go struct field
   * MountPoint.MountPoints.ReadOnly of type bool", cloudposse/terraform-aws-ecs-container-definition#108),
   * so such a definition never deploys through it, but CloudFormation coerces template strings
   * to the property's type, so through `aws-native` (Cloud Control) the string is the boolean.
   */
  bool(value: JsonValue | undefined, path: string): boolean | undefined {
    const read = this.get(value, path);
    if (typeof read === "boolean") return read;
    if (typeof read === "string" && /^\s*(true|false)\s*$/i.test(read)) {
      return read.trim().toLowerCase() === "true";
    }
    return undefined;
  }

  string(value: JsonValue | undefined, path: string): string | undefined {
    const read = this.get(value, path);
    return typeof read === "string" || typeof read === "number" ? String(read) : undefined;
  }

  /** A list; a lone string counts as a list of one (read, not dropped: it may hold a secret). */
  list(value: JsonValue | undefined, path: string): JsonValue[] {
    const read = this.get(value, path);
    if (Array.isArray(read)) return read;
    return typeof read === "string" ? [read] : [];
  }

  /** A list of strings; unknown items are noted by index. */
  strings(value: JsonValue | undefined, path: string): string[] {
    return this.list(value, path).flatMap((item, index) => {
      if (item === NOT_KNOWN) {
        this.notKnown.push(this.at(`${path}[${index}]`));
        return [];
      }
      return typeof item === "string" || typeof item === "number" ? [String(item)] : [];
    });
  }

  /**
   * A list of `{name, <valueKey>}` pairs (environment, secrets). A pair whose name is not known
   * keeps its value (it may still be a secret); one whose value is not known is noted.
   */
  pairs(value: JsonValue | undefined, path: string, valueKey: string): NamedValue[] {
    return this.list(value, path).flatMap((item, index) => {
      const entry = this.below(`${path}[${index}]`);
      if (item === NOT_KNOWN) {
        entry.notKnown.push(entry.prefix);
        return [];
      }
      const name = entry.string(item, "name") ?? "(a name not known yet)";
      const read = entry.string(item, valueKey);
      return read === undefined ? [] : [{ name, value: read }];
    });
  }

  /** A map of strings (docker labels, Lambda variables). */
  map(value: JsonValue | undefined, path: string): NamedValue[] {
    return mapEntries(this.get(value, path)).flatMap(([name, item]) => {
      if (item === NOT_KNOWN) {
        this.notKnown.push(this.at(`${path}.${name}`));
        return [];
      }
      return typeof item === "string" ? [{ name, value: item }] : [];
    });
  }
}

/** One container of `task`, read from its definition object. */
export function readContainer(
  task: RunnableTask,
  definition: JsonValue,
  path: string,
  fallbackName: string,
): Container {
  const read = new FieldReader();
  if (definition === NOT_KNOWN) read.notKnown.push(WHOLE_CONTAINER);
  const mountPoints = read.list(definition, "mountPoints").map((mount, index): MountPoint => {
    const at = read.below(`mountPoints[${index}]`);
    return {
      sourceVolume: at.string(mount, "sourceVolume"),
      containerPath: at.string(mount, "containerPath"),
      readOnly: at.bool(mount, "readOnly") === true,
    };
  });
  return {
    task,
    path,
    name: read.string(definition, "name") ?? fallbackName,
    image: read.string(definition, "image"),
    privileged: read.bool(definition, "privileged"),
    readonlyRootFilesystem: read.bool(definition, "readonlyRootFilesystem"),
    initProcessEnabled: read.bool(definition, "linuxParameters.initProcessEnabled"),
    capabilitiesAdded: read.strings(definition, "linuxParameters.capabilities.add"),
    user: read.string(definition, "user"),
    environment: read.pairs(definition, "environment", "value"),
    secrets: read.pairs(definition, "secrets", "valueFrom"),
    command: read.strings(definition, "command"),
    entryPoint: read.strings(definition, "entryPoint"),
    dockerLabels: read.map(definition, "dockerLabels"),
    mountPoints,
    logDriver: read.string(definition, "logConfiguration.logDriver"),
    logOptions: read.map(definition, "logConfiguration.options"),
    notKnown: read.notKnown,
  };
}

/**
 * A task's volumes and the host paths they bind. `aws` task definitions write `hostPath`; ECS,
 * CloudFormation and Batch write `host.sourcePath` (ECS API reference Volume, HostVolumeProperties).
 * A `local` Docker volume with `o: bind` binds its `device` the same way (Docker `volume create
 * --opt type=none --opt o=bind --opt device=…`; ECS DockerVolumeConfiguration `driverOpts`).
 */
export function readVolumes(read: FieldReader, task: JsonValue | undefined): Volume[] {
  return read.list(task, "volumes").flatMap((volume, index): Volume[] => {
    const at = read.below(`volumes[${index}]`);
    const name = at.string(volume, "name");
    if (name === undefined) return [];
    const options = at.string(volume, "dockerVolumeConfiguration.driverOpts.o") ?? "";
    const bound = /(^|,)\s*r?bind\s*(,|$)/.test(options)
      ? at.string(volume, "dockerVolumeConfiguration.driverOpts.device")
      : undefined;
    const hostPath = at.string(volume, "hostPath") ?? at.string(volume, "host.sourcePath") ?? bound;
    return [{ name, hostPath }];
  });
}
