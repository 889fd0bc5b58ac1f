import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkImagePull, imageSource } from "./config/imagePull";
import { regionProblem } from "./config/awsRegions";
import { buildFileProblems } from "./config/buildFiles";
import { readStackConfig } from "./config/readStack";
import { StackConfig } from "./config/stackConfig";
import { ConfigError } from "./config/validate";
import { mergeContributions } from "./components/contribution";
import { Network } from "./components/network";
import { PullThroughCache } from "./components/pullThroughCache";
import { AccessTarget } from "./strategies/accessStrategy";
import { FargateAccess } from "./library/fargateAccess";
import { STRATEGIES } from "./strategies/registry";
import { StrategyName } from "./strategies/strategyName";
import type { StackOutputs } from "./lib/stackOutputs";
import type { StrategyModule } from "./strategies/strategyModule";
import { Workload, workloadSettings } from "./components/workload";
import { lookupAwsContext } from "./components/awsContext";
import { parseEcrImage } from "./lib/ecrImage";
import { PROJECT_ROOT } from "./lib/projectRoot";
import { ServiceImage } from "./components/serviceImage";

/** Tags every taggable resource gets through the provider's default tags. */
export function defaultTags(): Record<string, string> {
  return {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    "managed-by": "pulumi",
  };
}

type Options = pulumi.ComponentResourceOptions;

/** The stack outputs as the program returns them: {@link StackOutputs}, as Pulumi inputs. */
export type ProgramOutputs = { [K in keyof StackOutputs]: pulumi.Input<StackOutputs[K]> };

/**
 * The library's settings of every selected strategy, from the validated stack config: the
 * component reads them again with the same fields, so both accept the same values.
 */
function strategySettings(config: StackConfig): Partial<Record<StrategyName, object>> {
  return Object.fromEntries(
    config.strategies.map((name) => {
      const module: StrategyModule = STRATEGIES[name];
      return [name, module.settings ? module.settings(config[name]) : config[name]];
    }),
  );
}

/** What the strategies attach to: the project's own workload, as plain values. */
function workloadTarget(
  workload: Workload,
  oneOffEnvironment: Record<string, string>,
): AccessTarget {
  return {
    clusterArn: workload.cluster.arn,
    clusterName: workload.cluster.name,
    serviceName: workload.service.name,
    containerName: workload.containerName,
    taskDefinitionFamily: workload.taskDefinition.family,
    taskRoleArn: workload.taskRole.arn,
    executionRoleArn: workload.executionRole.arn,
    containerLogGroupName: workload.logGroup.name,
    subnetIds: workload.privateSubnetIds,
    securityGroupId: workload.taskSecurityGroupId,
    capacityProvider: workload.capacityProvider,
    oneOffEnvironment,
  };
}

/**
 * The whole stack: config → network → workload → strategies → outputs. Returns the stack
 * outputs by their contract names (design.md §2).
 */
export function buildStack(): ProgramOutputs {
  const { config, warnings } = readStackConfig();
  for (const warning of warnings) {
    pulumi.log.warn(warning);
  }
  // The provider also takes the region from AWS_REGION, so it is checked here, where it is known.
  const region = aws.config.region ?? "";
  const regionError = regionProblem(region);
  if (regionError) {
    throw new ConfigError([regionError]);
  }
  const imagePull = checkImagePull(config, region);
  for (const warning of imagePull.warnings) {
    pulumi.log.warn(warning);
  }
  if (imagePull.problems.length > 0) {
    throw new ConfigError(imagePull.problems);
  }
  const build = config.service.build;
  if (build) {
    const buildErrors = buildFileProblems(build, PROJECT_ROOT);
    if (buildErrors.length > 0) {
      throw new ConfigError(buildErrors);
    }
  }

  const provider = new aws.Provider("aws", { region, defaultTags: { tags: defaultTags() } });
  const opts: Options = { providers: { aws: provider } };
  const context = lookupAwsContext({ provider });

  // The library's umbrella component, as a team's program would use it; the service is the
  // project's own, so it attaches once the workload exists (two steps, see FargateAccess).
  const access = new FargateAccess(
    "access",
    {
      strategies: config.strategies,
      ...strategySettings(config),
      logRetentionDays: config.logRetentionDays,
      productionLike: config.productionLike,
    },
    opts,
  );
  const contribution = mergeContributions(access.contributions);

  const network = new Network(
    "network",
    {
      config: config.network,
      endpointServices: contribution.endpointServices,
      region: context.region,
    },
    opts,
  );
  const serviceImage = build
    ? new ServiceImage(
        "image",
        { build, baseDir: PROJECT_ROOT, cpuArchitecture: config.service.cpuArchitecture },
        opts,
      )
    : undefined;
  const source = config.service.image ? imageSource(config.service.image) : undefined;
  const cache =
    config.service.pullThroughCache && source?.kind === "cacheable"
      ? new PullThroughCache("image-cache", { ...source, context }, opts)
      : undefined;
  const image = serviceImage?.imageUri ?? cache?.imageUri ?? config.service.image ?? "";
  const ecrImage = typeof image === "string" ? parseEcrImage(image) : undefined;
  const workload = new Workload(
    "workload",
    {
      service: workloadSettings(config.service),
      logRetentionDays: config.logRetentionDays,
      image,
      ecrRepositoryArn: serviceImage
        ? serviceImage.repository.arn
        : cache
          ? cache.repositoriesArn
          : ecrImage
            ? pulumi.interpolate`arn:${context.partition}:ecr:${ecrImage.region}:${ecrImage.accountId}:repository/${ecrImage.repository}`
            : undefined,
      ecrPullThroughCache: cache !== undefined,
      privateSubnetIds: network.privateSubnetIds,
      taskSecurityGroupId: network.taskSecurityGroup.id,
      contribution,
      context,
    },
    opts,
  );

  const target = workloadTarget(workload, contribution.oneOffEnvironment);
  const strategyOutputs = access.attach(target);
  const shared: ProgramOutputs = {
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    clusterName: workload.cluster.name,
    serviceName: workload.service.name,
    taskDefinitionArn: workload.taskDefinition.arn,
    taskRoleArn: workload.taskRole.arn,
    containerLogGroupName: workload.logGroup.name,
    strategies: config.strategies,
  };
  return { ...shared, ...strategyOutputs };
}
