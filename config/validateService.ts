import { FieldReader } from "./fieldReader";
import { imageReferenceFindings } from "./imageReference";
import { SectionValue, field, readFields } from "./schema";
import { FARGATE_CPU_VALUES, describeMemoryOptions, fargateMemoryFor } from "./fargateSizes";
import { CONTAINER_NAME, NON_EMPTY } from "./patterns";
import { CAPACITY_PROVIDERS, CPU_ARCHITECTURES, ImageBuildConfig } from "./options";

/** `fargate-access:service`; its keys, defaults and meanings: `SERVICE_FIELDS`. */
export type ServiceConfig = SectionValue<typeof SERVICE_FIELDS>;

const CONTAINER_HINT = "letters, digits, - and _ (at most 255)";

/** `fargate-access:service.build`: build the image from a local Docker context. */
export const BUILD_FIELDS = {
  context: field.optionalString(NON_EMPTY, "a folder such as container", {
    defaultText: "— (required)",
    doc: "the folder holding the Dockerfile, relative to the project",
  }),
  dockerfile: field.optionalString(NON_EMPTY, "a file name such as Dockerfile", {
    defaultText: "`Dockerfile`",
    doc: "inside `context`",
  }),
};

/** `fargate-access:service`: the always-on workload. */
export const SERVICE_FIELDS = {
  image: field.optionalString(NON_EMPTY, "an image URI such as 123456789012.dkr.ecr...", {
    defaultText: "— (required unless `build`)",
    doc: "lower-case repository (the pull refuses upper case); pin a digest or an immutable tag (no tag or `:latest`: a warning). Must be pullable from the tasks' subnets: see [Image pull and the network](#image-pull-and-the-network)",
  }),
  pullThroughCache: field.boolean(false, {
    doc: "`true`: pull `image` (from `public.ecr.aws`, `registry.k8s.io` or `quay.io`) through an ECR pull-through cache rule the stack creates, so tasks without NAT can pull it; conflicts with `build`",
  }),
  build: field.section(
    BUILD_FIELDS,
    {
      doc: "build that folder and push it to a new ECR repository instead of `image` (the two conflict); the folder and the Dockerfile must exist",
    },
    ({ context, dockerfile }, build): ImageBuildConfig | undefined => {
      if (!build.has("context")) {
        build.fail("context", "is required: the folder holding the Dockerfile.");
      }
      return context === undefined ? undefined : { context, dockerfile };
    },
  ),
  containerName: field.string(CONTAINER_NAME, CONTAINER_HINT, "app"),
  cpu: field.integer(256, 16384, 256, {
    doc: `CPU units; one of ${FARGATE_CPU_VALUES.join(", ")}`,
  }),
  memory: field.integer(512, 122880, 512, { doc: "MiB; a valid Fargate pair with `cpu`" }),
  desiredCount: field.integer(0, 100, 1),
  command: field.optionalNonEmptyList(
    NON_EMPTY,
    "non-empty strings",
    { defaultText: "image's", doc: "the container command; **required with `sessionManager`**" },
    { repeats: true },
  ),
  cpuArchitecture: field.oneOf(CPU_ARCHITECTURES, "X86_64"),
  capacityProvider: field.oneOf(CAPACITY_PROVIDERS, "FARGATE", {
    doc: "not `FARGATE_SPOT` with ARM64",
  }),
};

/** Validates `fargate-access:service`: each key by its field, then the rules between keys. */
export function readServiceConfig(service: FieldReader, warnings: string[]): ServiceConfig {
  const config = readFields(SERVICE_FIELDS, service);
  if (service.has("image") && service.has("build")) {
    service.fail("build", "conflicts with service.image; set one of them, not both.");
  } else if (!service.has("image") && !service.has("build")) {
    service.fail("image", "is required (or set service.build to build the image from a folder).");
  }
  if (config.image !== undefined) {
    const { problem, warning } = imageReferenceFindings(config.image);
    if (problem) {
      service.fail("image", problem);
    } else if (warning) {
      warnings.push(`${service.keyOf("image")}: ${warning}`);
    }
  }
  const { cpu, memory } = config;
  if (fargateMemoryFor(cpu).length === 0) {
    service.fail(
      "cpu",
      `${cpu} is not a Fargate CPU size; use one of ${FARGATE_CPU_VALUES.join(", ")}.`,
    );
    config.cpu = 256;
  } else if (!fargateMemoryFor(cpu).includes(memory)) {
    service.fail(
      "memory",
      `${memory} is not valid with cpu ${cpu} on Fargate; use ${describeMemoryOptions(cpu)}.`,
    );
  }
  if (config.cpuArchitecture === "ARM64" && config.capacityProvider === "FARGATE_SPOT") {
    service.fail(
      "capacityProvider",
      "FARGATE_SPOT does not run ARM64 tasks; use capacityProvider: FARGATE or cpuArchitecture: X86_64.",
    );
  }
  if (config.pullThroughCache && service.has("build")) {
    service.fail(
      "pullThroughCache",
      "conflicts with service.build (a built image is in ECR already).",
    );
  }
  return config;
}
