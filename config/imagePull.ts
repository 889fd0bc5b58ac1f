import { parseEcrImage } from "../lib/ecrImage";
import { StackConfig } from "./stackConfig";

/**
 * Upstream registries an ECR pull-through cache rule serves without credentials ("Sync an
 * upstream registry with an Amazon ECR private registry", Amazon ECR user guide: ECR Public,
 * the Kubernetes registry and Quay need no authentication; Docker Hub, GHCR, GitLab, Azure need
 * a Secrets Manager secret).
 */
const CACHEABLE_REGISTRIES = ["public.ecr.aws", "registry.k8s.io", "quay.io"] as const;
export type CacheableRegistry = (typeof CACHEABLE_REGISTRIES)[number];

/** Where an image reference points. */
export type ImageSource =
  | { kind: "ecr"; region: string }
  | { kind: "cacheable"; registry: CacheableRegistry; path: string }
  | { kind: "other"; registry: string };

/**
 * Classifies an image reference. The first path part is a registry host when it has a dot or a
 * port or is `localhost`; otherwise the image is on Docker Hub (the Docker reference grammar).
 */
export function imageSource(image: string): ImageSource {
  const ecr = parseEcrImage(image);
  if (ecr) return { kind: "ecr", region: ecr.region };
  const slash = image.indexOf("/");
  const first = slash < 0 ? "" : image.slice(0, slash);
  const isHost = first.includes(".") || first.includes(":") || first === "localhost";
  const registry = isHost ? first : "docker.io";
  const cacheable = CACHEABLE_REGISTRIES.find((host) => host === registry);
  return cacheable
    ? { kind: "cacheable", registry: cacheable, path: image.slice(slash + 1) }
    : { kind: "other", registry };
}

export interface ImagePullReport {
  problems: string[];
  warnings: string[];
}

/**
 * Can the tasks pull their image? VPC interface endpoints serve only the stack region's AWS
 * APIs: `ecr.api`/`ecr.dkr` reach that region's private ECR (any account) and nothing else, not
 * `public.ecr.aws` nor Docker Hub ("Amazon ECR interface VPC endpoints (AWS PrivateLink)",
 * Amazon ECR user guide). Anything else needs a route to the internet (a NAT gateway), or a
 * pull-through cache rule, whose upstream pulls ECR makes itself, outside the VPC.
 */
export function checkImagePull(config: StackConfig, region: string): ImagePullReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { service, network } = config;
  if (service.build || !service.image) return { problems, warnings };
  const key = "fargate-access:service.image";
  const source = imageSource(service.image);
  const image = JSON.stringify(service.image);
  if (service.pullThroughCache && source.kind !== "cacheable") {
    problems.push(
      `fargate-access:service.pullThroughCache: true needs an image from ${CACHEABLE_REGISTRIES.join(", ")} (the registries an ECR pull-through cache serves without credentials); ${image} is not. Remove pullThroughCache, or use such an image.`,
    );
    return { problems, warnings };
  }
  const reachable =
    (source.kind === "ecr" && source.region === region) || service.pullThroughCache === true;
  if (reachable) return { problems, warnings };

  const where =
    source.kind === "ecr"
      ? `is in the private ECR of ${source.region}, and the stack's VPC endpoints reach only ${region}'s ECR`
      : `is on ${source.registry}, which VPC endpoints do not serve`;
  const fixes = [
    ...(source.kind === "cacheable"
      ? [
          `set fargate-access:service.pullThroughCache: true (the stack creates an ECR pull-through cache rule for ${source.registry} and the tasks pull through the ECR endpoints; no NAT needed)`,
        ]
      : []),
    "set fargate-access:network.natGateways: single (a NAT gateway; see npm run cost for its price)",
    "build the image with fargate-access:service.build (pushed to this stack's ECR repository)",
    ...(source.kind === "ecr"
      ? [`replicate the repository to ${region} (ECR replication) and use that URI`]
      : [`push the image to an ECR repository in ${region} and use that URI`]),
  ];
  const message = `${key}: ${image} ${where}; the tasks could not pull it (CannotPullContainerError). Fix: ${fixes.join("; or ")}.`;
  if (network.mode === "create" && network.natGateways === "none") {
    problems.push(message);
  } else if (network.mode === "existing") {
    warnings.push(
      `${key}: ${image} ${where}: make sure fargate-access:network.privateSubnetIds route to a NAT gateway, or the tasks cannot pull it.`,
    );
  }
  return { problems, warnings };
}
