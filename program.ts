import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { readStackConfig } from "./config/readStack";
import { StackConfig, StrategyName } from "./config/types";
import { ConfigError } from "./config/validate";
import { mergeContributions } from "./components/contribution";
import { Network } from "./components/network";
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
  const region = aws.config.region;
  if (!region) {
    throw new ConfigError([
      "aws:region: is required; set it with `pulumi config set aws:region ap-northeast-1`.",
    ]);
  }
  const build = config.service.build;
  if (build && !isDirectory(path.resolve(PROJECT_ROOT, build.context))) {
    throw new ConfigError([
      `fargate-access:service.build.context: ${JSON.stringify(build.context)} is not a folder of this project; use a folder with a Dockerfile, relative to ${PROJECT_ROOT} (e.g. container).`,
    ]);
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
  const image = serviceImage?.imageUri ?? config.service.image ?? "";
  const ecrImage = typeof image === "string" ? parseEcrImage(image) : undefined;
  const workload = new Workload(
    "workload",
    {
      service: config.service,
      logRetentionDays: config.logRetentionDays,
      image,
      ecrRepositoryArn: serviceImage
        ? serviceImage.repository.arn
        : ecrImage
          ? pulumi.interpolate`arn:${context.partition}:ecr:${ecrImage.region}:${ecrImage.accountId}:repository/${ecrImage.repository}`
          : undefined,
      privateSubnetIds: network.privateSubnetIds,
      taskSecurityGroupId: network.taskSecurityGroup.id,
      contribution,
      context,
    },
    opts,
  );

  const strategyOutputs = strategies.map((strategy) =>
    strategy.attach({ workload, context, logRetentionDays: config.logRetentionDays }),
  );
  return Object.assign(
    {
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      clusterName: workload.cluster.name,
      serviceName: workload.service.name,
      taskDefinitionArn: workload.taskDefinition.arn,
      taskRoleArn: workload.taskRole.arn,
      strategies: config.strategies,
    },
    ...strategyOutputs,
  );
}

function isDirectory(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory();
}
