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
import { AccessStrategy, AccessTarget } from "./strategies/accessStrategy";
import { STRATEGIES } from "./strategies/registry";
import { StrategyName } from "./strategies/strategyName";
import type { StackOutputs } from "./lib/stackOutputs";
import type { StrategyModule } from "./strategies/strategyModule";
import { strategyEndpointServices } from "./lib/endpointServices";
import { Workload, workloadSettings } from "./components/workload";
import { AwsContext, lookupAwsContext } from "./components/awsContext";
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

/** Phase 1 of a strategy: its component, whose constructor states the workload contribution. */
function createStrategy(
  name: StrategyName,
  config: StackConfig,
  context: AwsContext,
  opts: Options,
): AccessStrategy {
  const module: StrategyModule = STRATEGIES[name];
  const Component = module.component();
  return new Component(
    module.resourceName,
    { config: config[name], context, logRetentionDays: config.logRetentionDays },
    opts,
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

  const strategies = config.strategies.map((name) => createStrategy(name, config, context, opts));
  const contribution = mergeContributions(
    strategies.map((strategy) => ({
      ...strategy.contribution,
      endpointServices: strategyEndpointServices(strategy.strategyName, config),
    })),
  );

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
  const strategyOutputs = strategies.map((strategy) => strategy.attach(target));
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
  return Object.assign(shared, ...strategyOutputs);
}
