import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CacheableRegistry } from "../config/imagePull";
import { ArnBuilder, AwsContext } from "./awsContext";
import { NAME_RULES, stackResourceName } from "../lib/physicalName";

export interface PullThroughCacheArgs {
  /** The upstream registry host, e.g. `public.ecr.aws`. */
  registry: CacheableRegistry;
  /** The image path after the host, e.g. `docker/library/alpine:3.20`. */
  path: string;
  /** The account, region and partition the stack deploys to. */
  context: AwsContext;
}

/**
 * `service.pullThroughCache`: an ECR pull-through cache rule for the image's upstream registry,
 * under a prefix of this stack's own. Tasks pull `ACCOUNT.dkr.ecr.REGION.amazonaws.com/PREFIX/PATH`
 * through the ECR endpoints; on the first pull ECR fetches the image upstream itself and creates
 * the repository ("Pulling an image with a pull through cache rule in Amazon ECR").
 */
export class PullThroughCache extends pulumi.ComponentResource {
  readonly imageUri: pulumi.Output<string>;
  /** `repository/PREFIX/*`: the repositories the cache creates, for the execution role. */
  readonly repositoriesArn: pulumi.Output<string>;

  constructor(name: string, args: PullThroughCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fargate-access:image:PullThroughCache", name, {}, opts);
    // One prefix per registry (account and region wide): the stack's name keeps stacks apart.
    const prefix = stackResourceName(
      pulumi.getProject(),
      pulumi.getStack(),
      NAME_RULES.ecrRepositoryPrefix,
      args.registry.split(".")[0],
    );
    const rule = new aws.ecr.PullThroughCacheRule(
      `${name}-rule`,
      { ecrRepositoryPrefix: prefix, upstreamRegistryUrl: args.registry },
      { parent: this },
    );
    const { accountId, region, partition } = args.context;
    const dnsSuffix = partition.apply((p) =>
      p === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
    );
    this.imageUri = pulumi.interpolate`${accountId}.dkr.ecr.${region}.${dnsSuffix}/${rule.ecrRepositoryPrefix}/${args.path}`;
    this.repositoriesArn = new ArnBuilder(args.context).regional(
      "ecr",
      pulumi.interpolate`repository/${rule.ecrRepositoryPrefix}/*`,
    );
    this.registerOutputs({ imageUri: this.imageUri });
  }
}
