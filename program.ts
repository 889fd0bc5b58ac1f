import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkImagePull, imageSource } from "./config/imagePull";
import { regionProblem } from "./config/awsRegions";
import { buildFileProblems } from "./config/buildFiles";
import { readStackConfig } from "./config/readStack";
import { StackConfig, StrategyName } from "./config/types";
import { ConfigError } from "./config/validate";
import { mergeContributions } from "./components/contribution";
import { Network } from "./components/network";
import { PullThroughCache } from "./components/pullThroughCache";
import { EcsExecAccess } from "./components/strategies/ecsExec/ecsExecAccess";
import { SessionManagerAccess } from "./components/strategies/sessionManager/sessionManagerAccess";
import { StepFunctionsAccess } from "./components/strategies/stepFunctions/stepFunctionsAccess";
import { AccessStrategy } from "./components/strategies/strategy";
import { Workload } from "./components/workload";
import { AwsContext, lookupAwsContext } from "./lib/awsContext";
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

function createStrategy(
  name: StrategyName,
  config: StackConfig,
  context: AwsContext,
  opts: Options,
): AccessStrategy {
  switch (name) {
    case "ecsExec":
      return new EcsExecAccess(
        "ecs-exec",
        { config: config.ecsExec, logRetentionDays: config.logRetentionDays, context },
        opts,
      );
    case "stepFunctions":
      return new StepFunctionsAccess("step-functions", { config: config.stepFunctions }, opts);
    case "sessionManager":
      return new SessionManagerAccess(
        "session-manager",
        { config: config.sessionManager, logRetentionDays: config.logRetentionDays, context },
        opts,
      );
  }
}

/**
 * The whole stack: config → network → workload → strategies → outputs. Returns the stack
 * outputs by their contract names (design.md §2).
 */
export function buildStack(): Record<string, pulumi.Input<unknown>> {
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
  const contribution = mergeContributions(strategies.map((strategy) => strategy.contribution));

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
      service: config.service,
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

  const strategyOutputs = strategies.map((strategy) =>
    strategy.attach({
      workload,
      context,
      logRetentionDays: config.logRetentionDays,
      oneOffEnvironment: contribution.oneOffEnvironment,
    }),
  );
  return Object.assign(
    {
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      clusterName: workload.cluster.name,
      serviceName: workload.service.name,
      taskDefinitionArn: workload.taskDefinition.arn,
      taskRoleArn: workload.taskRole.arn,
      containerLogGroupName: workload.logGroup.name,
      strategies: config.strategies,
    },
    ...strategyOutputs,
  );
}
