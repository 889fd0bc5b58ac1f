import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { CpuArchitecture, ImageBuildConfig } from "../config/types";
import { imageTag } from "../lib/contextHash";

/** Untagged layers go after `untaggedExpiryDays`; only the newest `keptImages` images stay. */
const LIFECYCLE = { untaggedExpiryDays: 7, keptImages: 20 } as const;

export interface ServiceImageArgs {
  /** `service.build`: the folder to build and its Dockerfile (default `Dockerfile`). */
  build: ImageBuildConfig;
  /** The folder `build.context` is relative to (the project root). */
  baseDir: string;
  /** The platform to build for: `service.cpuArchitecture` (default `X86_64`). */
  cpuArchitecture: CpuArchitecture;
}

/** The lifecycle policy of the repository: expire untagged layers, keep the last images. */
export function lifecyclePolicy(): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images after ${LIFECYCLE.untaggedExpiryDays} days`,
        selection: {
          tagStatus: "untagged",
          countType: "sinceImagePushed",
          countUnit: "days",
          countNumber: LIFECYCLE.untaggedExpiryDays,
        },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the last ${LIFECYCLE.keptImages} images`,
        selection: {
          tagStatus: "any",
          countType: "imageCountMoreThan",
          countNumber: LIFECYCLE.keptImages,
        },
        action: { type: "expire" },
      },
    ],
  });
}

/**
 * `service.build`: a private ECR repository (immutable tags, scan on push, lifecycle policy) and
 * the image built from `build.context` and pushed to it, tagged with the context's content hash.
 * The workload runs the pushed image by digest.
 */
export class ServiceImage extends pulumi.ComponentResource {
  readonly repository: aws.ecr.Repository;
  readonly imageUri: pulumi.Output<string>;

  constructor(name: string, args: ServiceImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fargate-access:image:ServiceImage", name, {}, opts);
    const context = path.resolve(args.baseDir, args.build.context);
    const dockerfile = path.resolve(context, args.build.dockerfile ?? "Dockerfile");
    const platform = args.cpuArchitecture === "ARM64" ? "linux/arm64" : "linux/amd64";
    this.repository = new aws.ecr.Repository(
      `${name}-repository`,
      {
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "AES256" }],
      },
      { parent: this },
    );
    new aws.ecr.LifecyclePolicy(
      `${name}-lifecycle`,
      { repository: this.repository.name, policy: lifecyclePolicy() },
      { parent: this },
    );
    const image = new awsx.ecr.Image(
      `${name}-image`,
      {
        repositoryUrl: this.repository.repositoryUrl,
        // Relative to the project folder, where Pulumi runs the program and its providers: no
        // checkout path in the stack's inputs, so every clone plans the same.
        context: projectRelative(args.baseDir, context),
        dockerfile: projectRelative(args.baseDir, dockerfile),
        platform,
        imageTag: imageTag({ context, dockerfile, platform }),
      },
      { parent: this },
    );
    this.imageUri = image.imageUri;
    this.registerOutputs({ imageUri: this.imageUri });
  }
}

/** `./container/Dockerfile`: a path below `baseDir`, relative and with `/` on every OS. */
function projectRelative(baseDir: string, target: string): string {
  return `./${path.relative(baseDir, target).split(path.sep).join("/")}`;
}
