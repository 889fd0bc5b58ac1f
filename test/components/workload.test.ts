import * as assert from "assert";
import { mergeContributions } from "../../components/contribution";
import { STRATEGY_NAMES } from "../../strategies/strategyName";
import { isSelectableStrategySet } from "../../config/validate";
import { strategySubsets } from "./urnStability.test";
import { OfflineRun } from "../../offline/runOffline";
import {
  TEST_IMAGE,
  allowedActions,
  containersOf,
  idOf,
  plan,
  resourceNamed,
  resourcesOfType,
  stackConfig,
  statementsOf,
} from "../helpers/offlinePlan";

describe("Workload", () => {
  let run: OfflineRun;
  before(async () => {
    run = await plan(
      stackConfig({
        "fargate-access:service": {
          image: TEST_IMAGE,
          cpu: 512,
          memory: 1024,
          desiredCount: 2,
          command: ["crond", "-f"],
          cpuArchitecture: "ARM64",
        },
        "fargate-access:logRetentionDays": 90,
      }),
    );
  });

  it("runs the cluster with Container Insights and both Fargate capacity providers", () => {
    const cluster = resourceNamed(run, "workload-cluster");
    assert.deepStrictEqual(cluster.inputs.settings, [
      { name: "containerInsights", value: "enabled" },
    ]);
    const providers = resourceNamed(run, "workload-capacity-providers");
    assert.deepStrictEqual(providers.inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
    assert.deepStrictEqual(providers.inputs.defaultCapacityProviderStrategies, [
      { capacityProvider: "FARGATE", weight: 1 },
    ]);
  });

  it("defines a Fargate task with init process, awslogs and the configured size", () => {
    const task = resourceNamed(run, "workload-task");
    assert.strictEqual(task.inputs.family, "fargate-access-test");
    assert.strictEqual(task.inputs.networkMode, "awsvpc");
    assert.deepStrictEqual(task.inputs.requiresCompatibilities, ["FARGATE"]);
    assert.strictEqual(task.inputs.cpu, "512");
    assert.strictEqual(task.inputs.memory, "1024");
    assert.deepStrictEqual(task.inputs.runtimePlatform, {
      operatingSystemFamily: "LINUX",
      cpuArchitecture: "ARM64",
    });
    assert.notStrictEqual(task.inputs.taskRoleArn, task.inputs.executionRoleArn);
    const [container] = containersOf(run);
    assert.strictEqual(container.image, TEST_IMAGE);
    assert.strictEqual(container.privileged, false);
    assert.deepStrictEqual(container.command, ["crond", "-f"]);
    assert.deepStrictEqual(container.linuxParameters, { initProcessEnabled: true });
    assert.strictEqual(container.logConfiguration.logDriver, "awslogs");
    assert.strictEqual(container.logConfiguration.options["awslogs-region"], "ap-northeast-1");
  });

  it("keeps logs for the configured retention", () => {
    assert.strictEqual(resourceNamed(run, "workload-logs").inputs.retentionInDays, 90);
  });

  it("runs the service in private subnets, without a public IP, with rollback", () => {
    const service = resourceNamed(run, "workload-service");
    assert.deepStrictEqual(service.inputs.networkConfiguration, {
      subnets: run.outputs.privateSubnetIds,
      securityGroups: [idOf(run, "network-task-sg")],
      assignPublicIp: false,
    });
    assert.strictEqual(service.inputs.platformVersion, "LATEST");
    assert.strictEqual(service.inputs.desiredCount, 2);
    assert.deepStrictEqual(service.inputs.deploymentCircuitBreaker, {
      enable: true,
      rollback: true,
    });
    assert.deepStrictEqual(service.inputs.capacityProviderStrategies, [
      { capacityProvider: "FARGATE", weight: 1 },
    ]);
    assert.strictEqual(service.inputs.launchType, undefined);
  });

  it("lets the execution role pull from the image's repository and write logs, nothing else", () => {
    const policy = resourceNamed(run, "workload-execution-policy");
    assert.deepStrictEqual(allowedActions(policy), [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetAuthorizationToken",
      "ecr:GetDownloadUrlForLayer",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    const pull = statementsOf(policy).find((statement) => statement.Sid === "PullImage");
    assert.deepStrictEqual(pull?.Resource, [
      "arn:aws:ecr:ap-northeast-1:123456789012:repository/batch",
    ]);
  });

  it("gives the execution role no ECR rights for a public image (pulled through NAT)", async () => {
    const publicRun = await plan(
      stackConfig({
        "fargate-access:service": { image: "public.ecr.aws/docker/library/alpine:3.20" },
        "fargate-access:network": { natGateways: "single" },
      }),
    );
    assert.deepStrictEqual(allowedActions(resourceNamed(publicRun, "workload-execution-policy")), [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
  });

  it("trusts only ECS tasks of this account for both roles", () => {
    for (const name of ["workload-task-role", "workload-execution-role"]) {
      const trust = JSON.parse(String(resourceNamed(run, name).inputs.assumeRolePolicy));
      assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "ecs-tasks.amazonaws.com" });
      assert.deepStrictEqual(trust.Statement[0].Condition.StringEquals, {
        "aws:SourceAccount": "123456789012",
      });
    }
  });

  it("uses FARGATE_SPOT for the service when configured", async () => {
    const spotRun = await plan(
      stackConfig({
        "fargate-access:service": { image: TEST_IMAGE, capacityProvider: "FARGATE_SPOT" },
      }),
    );
    assert.deepStrictEqual(
      resourceNamed(spotRun, "workload-service").inputs.capacityProviderStrategies,
      [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
    );
  });
});

describe("Workload first deploy", () => {
  // ECS starts the service's tasks as soon as the service exists; a grant created later is
  // missing when they start (ECS Exec's agent then never opens its channels: issue 12 §6). So
  // the service must depend on every policy of its task and execution roles.
  for (const strategies of strategySubsets(STRATEGY_NAMES).filter(isSelectableStrategySet)) {
    it(`starts the service after every task-role and execution-role policy (${strategies.join(", ")})`, async () => {
      const run = await plan(stackConfig({ "fargate-access:strategies": strategies }));
      const service = resourceNamed(run, "workload-service");
      const roles = [idOf(run, "workload-task-role"), idOf(run, "workload-execution-role")];
      const grants = resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy").filter((policy) =>
        roles.includes(String(policy.inputs.role)),
      );
      assert.ok(grants.length >= 1);
      for (const grant of grants) {
        assert.ok(
          service.dependencies.includes(grant.urn),
          `service does not wait for ${grant.name}`,
        );
      }
      const attachments = resourcesOfType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
      assert.deepStrictEqual(
        attachments.filter((a) => roles.includes(String(a.inputs.role))).map((a) => a.name),
        [],
      );
    });
  }
});

describe("mergeContributions", () => {
  it("unions endpoints, turns exec on if any strategy asks, merges environment", () => {
    const merged = mergeContributions([
      { source: "a", endpointServices: ["ssm", "ssmmessages"], environment: { A: "1" } },
      {
        source: "b",
        enableExecuteCommand: true,
        endpointServices: ["ssmmessages"],
        environment: { B: "2" },
      },
    ]);
    assert.deepStrictEqual(merged.endpointServices, ["ssm", "ssmmessages"]);
    assert.strictEqual(merged.enableExecuteCommand, true);
    assert.deepStrictEqual(merged.environment, { A: "1", B: "2" });
  });

  it("refuses two strategies setting the same variable or entry point", () => {
    assert.throws(
      () =>
        mergeContributions([
          { source: "a", environment: { X: "1" } },
          { source: "b", environment: { X: "2" } },
        ]),
      /Both a and b set the container variable X/,
    );
    assert.throws(
      () =>
        mergeContributions([
          { source: "a", entryPoint: ["/a"] },
          { source: "b", entryPoint: ["/b"] },
        ]),
      /Only one strategy may set entryPoint; a and b both do/,
    );
  });
});
