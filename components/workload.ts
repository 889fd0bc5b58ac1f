import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ServiceConfig } from "../config/types";
import { ArnBuilder, AwsContext } from "./awsContext";
import { ALL_RESOURCES, PolicyStatement, allow, policyDocument, serviceTrustPolicy } from "./iam";
import { NAME_RULES, roleNamePrefix, stackResourceName } from "../lib/physicalName";
import { MergedContribution } from "./contribution";
import { buildContainerDefinition } from "./containerDefinition";

/**
 * What of `fargate-access:service` the workload runs. Where the image comes from (`image`,
 * `build`, `pullThroughCache`) is resolved before: the workload gets the image URI only.
 */
export type WorkloadSettings = Pick<
  ServiceConfig,
  | "containerName"
  | "cpu"
  | "memory"
  | "desiredCount"
  | "command"
  | "cpuArchitecture"
  | "capacityProvider"
>;

/** The settings of {@link WorkloadSettings}, taken out of the whole service section. */
export function workloadSettings(service: ServiceConfig): WorkloadSettings {
  const { containerName, cpu, memory, desiredCount, command, cpuArchitecture, capacityProvider } =
    service;
  return { containerName, cpu, memory, desiredCount, command, cpuArchitecture, capacityProvider };
}

export interface WorkloadArgs {
  /** Size, count, command and capacity of the container (defaults: `SERVICE_FIELDS`). */
  service: WorkloadSettings;
  /** Days to keep the container logs; the stack's `logRetentionDays`. */
  logRetentionDays: number;
  /** The image to run: `service.image`, or the URI of an image the program built or caches. */
  image: pulumi.Input<string>;
  /** ARN of the private ECR repository the image comes from; omit for public registries. */
  ecrRepositoryArn?: pulumi.Input<string>;
  /** Default false. The repository is filled by an ECR pull-through cache rule on first pull. */
  ecrPullThroughCache?: boolean;
  /** Where the tasks run (the network's private subnets). */
  privateSubnetIds: pulumi.Input<string[]>;
  /** The tasks' security group (no ingress). */
  taskSecurityGroupId: pulumi.Input<string>;
  /** What the selected strategies need, merged by `mergeContributions`. */
  contribution: MergedContribution;
  /** The account, region and partition the stack deploys to. */
  context: AwsContext;
}

/**
 * The always-on Fargate workload the strategies give access to: cluster, task definition and
 * service in private subnets. Child names never depend on the selected strategies, so toggling a
 * strategy updates these resources in place and never replaces or renames them.
 */
export class Workload extends pulumi.ComponentResource {
  readonly cluster: aws.ecs.Cluster;
  readonly taskRole: aws.iam.Role;
  readonly executionRole: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly service: aws.ecs.Service;
  readonly containerName: string;
  readonly capacityProvider: ServiceConfig["capacityProvider"];
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly taskSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: WorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fargate-access:workload:Workload", name, {}, opts);
    const arns = new ArnBuilder(args.context);
    const { service: config, contribution } = args;
    this.containerName = config.containerName;
    this.capacityProvider = config.capacityProvider;
    this.privateSubnetIds = pulumi.output(args.privateSubnetIds);
    this.taskSecurityGroupId = pulumi.output(args.taskSecurityGroupId);

    // Physical names carry the project and stack, so the console shows whose resources these are.
    const stackName = stackResourceName(pulumi.getProject(), pulumi.getStack(), NAME_RULES.ecs);
    const nameTag = { Name: stackName };
    this.cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      {
        name: stackName,
        tags: nameTag,
        settings: [{ name: "containerInsights", value: "enabled" }],
        configuration: contribution.executeCommandConfiguration
          ? { executeCommandConfiguration: contribution.executeCommandConfiguration }
          : undefined,
      },
      { parent: this, deleteBeforeReplace: true },
    );
    const capacityProviders = new aws.ecs.ClusterCapacityProviders(
      `${name}-capacity-providers`,
      {
        clusterName: this.cluster.name,
        capacityProviders: ["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategies: [
          { capacityProvider: config.capacityProvider, weight: 1 },
        ],
      },
      { parent: this },
    );

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { retentionInDays: args.logRetentionDays },
      { parent: this },
    );

    const ecsTasksTrust = serviceTrustPolicy(
      "ecs-tasks.amazonaws.com",
      args.context.accountId,
      arns.regional("ecs", "*"),
    );
    // Both roles trust ECS tasks of this account only; their logical and physical names differ
    // only by `part`.
    const ecsTasksRole = (part: string, description: string) =>
      new aws.iam.Role(
        `${name}-${part}-role`,
        {
          namePrefix: roleNamePrefix(pulumi.getProject(), pulumi.getStack(), part),
          description,
          assumeRolePolicy: ecsTasksTrust,
        },
        { parent: this },
      );
    this.executionRole = ecsTasksRole(
      "execution",
      "ECS agent: pulls the image and writes container logs (nothing else)",
    );
    const executionPolicy = new aws.iam.RolePolicy(
      `${name}-execution-policy`,
      {
        role: this.executionRole.id,
        policy: policyDocument(
          executionRoleStatements(
            arns.logStreams(this.logGroup.name),
            args.ecrRepositoryArn,
            args.ecrPullThroughCache,
          ),
        ),
      },
      { parent: this },
    );
    this.taskRole = ecsTasksRole(
      "task",
      "The application and the selected access strategies; starts with no rights",
    );

    this.taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: stackName,
        tags: nameTag,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(config.cpu),
        memory: String(config.memory),
        runtimePlatform: {
          operatingSystemFamily: "LINUX",
          cpuArchitecture: config.cpuArchitecture,
        },
        executionRoleArn: this.executionRole.arn,
        taskRoleArn: this.taskRole.arn,
        containerDefinitions: pulumi.jsonStringify([
          buildContainerDefinition({
            name: config.containerName,
            image: args.image,
            command: config.command,
            entryPoint: contribution.entryPoint,
            environment: contribution.environment,
            logGroupName: this.logGroup.name,
            region: args.context.region,
          }),
        ]),
      },
      { parent: this },
    );

    // Every grant to the task role exists before the service starts its first tasks; otherwise
    // they can start without it (ECS Exec's agent then fails to open its channels at start).
    const taskRolePolicies = contribution.taskRolePolicies.map(
      (grant) =>
        new aws.iam.RolePolicy(
          grant.name,
          {
            role: this.taskRole.id,
            policy: policyDocument(grant.statements({ containerLogGroupArn: this.logGroup.arn })),
          },
          { parent: this },
        ),
    );

    this.service = new aws.ecs.Service(
      `${name}-service`,
      {
        name: stackName,
        tags: nameTag,
        cluster: this.cluster.arn,
        taskDefinition: this.taskDefinition.arn,
        desiredCount: config.desiredCount,
        platformVersion: "LATEST",
        capacityProviderStrategies: [{ capacityProvider: config.capacityProvider, weight: 1 }],
        enableExecuteCommand: contribution.enableExecuteCommand,
        networkConfiguration: {
          subnets: this.privateSubnetIds,
          securityGroups: [this.taskSecurityGroupId],
          assignPublicIp: false,
        },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
        waitForSteadyState: false,
      },
      {
        parent: this,
        dependsOn: [capacityProviders, executionPolicy, ...taskRolePolicies],
        deleteBeforeReplace: true,
      },
    );

    this.registerOutputs({
      clusterName: this.cluster.name,
      serviceName: this.service.name,
      taskDefinitionArn: this.taskDefinition.arn,
      taskRoleArn: this.taskRole.arn,
    });
  }
}

/** Pull the image and write logs: the execution role's whole job. */
function executionRoleStatements(
  logStreamsArn: pulumi.Input<string>,
  ecrRepositoryArn?: pulumi.Input<string>,
  pullThroughCache = false,
): PolicyStatement[] {
  const statements = [
    allow("WriteContainerLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [logStreamsArn]),
  ];
  if (ecrRepositoryArn !== undefined) {
    statements.push(
      // GetAuthorizationToken has no resource-level permissions; the token alone reads nothing.
      allow("GetRegistryToken", ["ecr:GetAuthorizationToken"], [ALL_RESOURCES]),
      allow(
        "PullImage",
        ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        [ecrRepositoryArn],
      ),
    );
  }
  if (ecrRepositoryArn !== undefined && pullThroughCache) {
    statements.push(
      // A pull through a cache rule imports the upstream image and, the first time, creates the
      // repository ("IAM permissions required to sync an upstream registry", Amazon ECR guide).
      allow(
        "ImportUpstreamImage",
        ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
        [ecrRepositoryArn],
      ),
    );
  }
  return statements;
}
