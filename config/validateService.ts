import { FieldReader, show } from "./fieldReader";
import { FARGATE_CPU_VALUES, describeMemoryOptions, fargateMemoryFor } from "./fargateSizes";
import { CONTAINER_NAME, NON_EMPTY } from "./patterns";
import { CAPACITY_PROVIDERS, CPU_ARCHITECTURES, ImageBuildConfig, ServiceConfig } from "./types";

/** Validates `fargate-access:service`. */
export function readServiceConfig(
  section: FieldReader | undefined,
  problems: string[],
  warnings: string[],
): ServiceConfig {
  const service = section ?? new FieldReader("fargate-access:service", {}, problems);
  service.rejectUnknownKeys("service");
  const image = service.string("image", NON_EMPTY, "an image URI such as 123456789012.dkr.ecr...");
  const build = readBuild(service);
  if (service.has("image") && service.has("build")) {
    service.fail("build", "conflicts with service.image; set one of them, not both.");
  } else if (!service.has("image") && !service.has("build")) {
    service.fail("image", "is required (or set service.build to build the image from a folder).");
  }
  if (image !== undefined) {
    const warning = imagePinningWarning(image);
    if (warning) {
      warnings.push(`${service.keyOf("image")}: ${warning}`);
    }
  }
  const cpuHint = `one of ${FARGATE_CPU_VALUES.join(", ")}`;
  const cpu = service.has("cpu") ? readCpu(service, cpuHint) : 256;
  const memory = service.integer("memory", 512, 512, 122880);
  if (fargateMemoryFor(cpu).length > 0 && !fargateMemoryFor(cpu).includes(memory)) {
    service.fail(
      "memory",
      `${memory} is not valid with cpu ${cpu} on Fargate; use ${describeMemoryOptions(cpu)}.`,
    );
  }
  const cpuArchitecture = service.oneOf("cpuArchitecture", CPU_ARCHITECTURES, "X86_64");
  const capacityProvider = service.oneOf("capacityProvider", CAPACITY_PROVIDERS, "FARGATE");
  if (cpuArchitecture === "ARM64" && capacityProvider === "FARGATE_SPOT") {
    service.fail(
      "capacityProvider",
      "FARGATE_SPOT does not run ARM64 tasks; use capacityProvider: FARGATE or cpuArchitecture: X86_64.",
    );
  }
  const pullThroughCache = service.boolean("pullThroughCache", false);
  if (pullThroughCache && service.has("build")) {
    service.fail(
      "pullThroughCache",
      "conflicts with service.build (a built image is in ECR already).",
    );
  }
  return {
    image,
    pullThroughCache,
    build,
    containerName: service.string("containerName", CONTAINER_NAME, CONTAINER_HINT, "app") ?? "app",
    cpu,
    memory,
    desiredCount: service.integer("desiredCount", 1, 0, 100),
    command: service.stringList("command", NON_EMPTY, "non-empty strings", { nonEmpty: true }),
    cpuArchitecture,
    capacityProvider,
  };
}

function readCpu(service: FieldReader, hint: string): number {
  const cpu = service.integer("cpu", 256, 256, 16384);
  if (fargateMemoryFor(cpu).length === 0) {
    service.fail("cpu", `${cpu} is not a Fargate CPU size; use ${hint}.`);
    return 256;
  }
  return cpu;
}

function readBuild(service: FieldReader): ImageBuildConfig | undefined {
  const build = service.object("build");
  if (!build) {
    return undefined;
  }
  build.rejectUnknownKeys("service.build");
  const context = build.string("context", NON_EMPTY, "a folder such as container");
  if (!build.has("context")) {
    build.fail("context", "is required: the folder holding the Dockerfile.");
  }
  const dockerfile = build.string("dockerfile", NON_EMPTY, "a file name such as Dockerfile");
  return context === undefined ? undefined : { context, dockerfile };
}

/**
 * A mutable image reference lets a later push change what runs without a deployment; the
 * policy of NIST SP 800-190 is to pin by digest or an immutable tag.
 */
export function imagePinningWarning(image: string): string | undefined {
  if (image.includes("@sha256:")) {
    return undefined;
  }
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : "";
  if (tag === "" || tag === "latest") {
    return `${show(image)} has no tag or uses :latest, so a push can change what runs; pin it by digest (image@sha256:...) or an immutable tag.`;
  }
  return undefined;
}

const CONTAINER_HINT = "letters, digits, - and _ (at most 255)";
