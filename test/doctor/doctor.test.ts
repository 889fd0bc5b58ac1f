import { CloudWatchClient, GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { sampleOutputs } from "../helpers/sampleOutputs";
import {
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from "@aws-sdk/client-ecs";
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import {
  DescribeActivationsCommand,
  DescribeDocumentCommand,
  DescribeInstanceInformationCommand,
  GetServiceSettingCommand,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import * as assert from "assert";
import { mockClient } from "aws-sdk-client-mock";
import { assumedRoleName, platformAtLeast } from "../../strategies/ecsExec/doctor";
import { renderResults, runDoctor } from "../../doctor/runDoctor";
import { CheckResult, DoctorTarget, createClients } from "../../doctor/types";
import { FakeVpcWorld, fakeEc2 } from "../fakes/ec2";
import { FakeTask, execReadyTask, fakeEcs } from "../fakes/ecs";
import { fakeIam } from "../fakes/iam";

/** The subnet the running task's ENI is in (see patchTask). */
const TASK_SUBNET = "subnet-1";

const REGION = "ap-northeast-1";
const ACCOUNT = "123456789012";
const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/c`;
const TASK_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/c/abc`;
const TARGET: DoctorTarget = {
  region: REGION,
  stackTagValue: "fargate-access/dev",
  outputs: sampleOutputs({
    strategies: ["ecsExec", "sessionManager", "stepFunctions"],
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/task`,
    ecsExecOperatorRoleArn: `arn:aws:iam::${ACCOUNT}:role/operator`,
    sessionManagerActivationRoleArn: `arn:aws:iam::${ACCOUNT}:role/activation`,
    sessionManagerCleanupFunctionName: "fargate-access-dev-ssm-cleanup",
    stepFunctionsStateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:m`,
  }),
};

/** Mocks every instance of each client class the doctor creates. */
function mockAllClients() {
  return {
    cloudwatch: mockClient(CloudWatchClient),
    ec2: mockClient(EC2Client),
    ecs: mockClient(ECSClient),
    iam: mockClient(IAMClient),
    lambda: mockClient(LambdaClient),
    sfn: mockClient(SFNClient),
    sqs: mockClient(SQSClient),
    ssm: mockClient(SSMClient),
    sts: mockClient(STSClient),
  };
}
type Stubs = ReturnType<typeof mockAllClients>;

function allowedFor(actions: string[]) {
  return {
    EvaluationResults: actions.map((EvalActionName) => ({
      EvalActionName,
      EvalDecision: "allowed",
    })),
  };
}

/** A healthy account: every check passes. */
function healthy(stubs: Stubs): void {
  stubs.ecs.on(DescribeClustersCommand).resolves({
    clusters: [
      {
        clusterArn: CLUSTER_ARN,
        configuration: {
          executeCommandConfiguration: { logging: "OVERRIDE", kmsKeyId: "arn:aws:kms:key/k" },
        },
      },
    ],
  });
  stubs.ecs.on(ListTasksCommand).resolves({ taskArns: [TASK_ARN] });
  patchTask(stubs, {});
  stubs.ecs.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      containerDefinitions: [{ name: "app", linuxParameters: { initProcessEnabled: true } }],
    },
  });
  stubs.iam
    .on(SimulatePrincipalPolicyCommand)
    .callsFake((input: { ActionNames: string[] }) => allowedFor(input.ActionNames));
  stubs.ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ VpcId: "vpc-1" }] });
  stubs.ec2
    .on(DescribeVpcEndpointsCommand)
    .resolves({ VpcEndpoints: [{ VpcEndpointId: "vpce-1" }] });
  stubs.ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
  stubs.ec2.on(DescribeVpcAttributeCommand).resolves({
    EnableDnsSupport: { Value: true },
    EnableDnsHostnames: { Value: true },
  });
  stubs.sts.on(GetCallerIdentityCommand).resolves({
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/me/session`,
  });
  stubs.iam
    .on(GetRoleCommand, { RoleName: "me" })
    .resolves({ Role: { Arn: `arn:aws:iam::${ACCOUNT}:role/me` } as never });

  stubs.ssm.on(GetServiceSettingCommand).resolves({ ServiceSetting: { SettingValue: "advanced" } });
  stubs.ssm.on(DescribeInstanceInformationCommand).resolves({
    InstanceInformationList: [{ InstanceId: "mi-1", PingStatus: "Online" }],
  });
  stubs.ssm.on(DescribeActivationsCommand).resolves({ ActivationList: [{ Expired: false }] });
  stubs.ssm
    .on(DescribeDocumentCommand, { Name: "fargate-access-dev-shell" })
    .resolves({ Document: { DocumentType: "Session", Status: "Active" } });
  stubs.lambda.on(GetFunctionCommand).resolves({
    Configuration: {
      State: "Active",
      Runtime: "nodejs22.x",
      DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` },
    },
  });
  stubs.cloudwatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
  stubs.sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: "https://sqs/dlq" });
  stubs.sqs
    .on(GetQueueAttributesCommand)
    .resolves({ Attributes: { ApproximateNumberOfMessages: "0" } });

  stubs.sfn.on(DescribeStateMachineCommand).resolves({ name: "m", status: "ACTIVE" });
  stubs.sfn.on(ListExecutionsCommand).resolves({ executions: [execution("SUCCEEDED")] });
}

/** The task definition's one container, healthy but for `patch`. */
function appContainerWith(stubs: Stubs, patch: Record<string, unknown>): void {
  stubs.ecs.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      containerDefinitions: [
        { name: "app", linuxParameters: { initProcessEnabled: true }, ...patch },
      ],
    },
  });
}

/** One broken thing each, and the check (and status) that must report it. */
const BREAKAGES: [string, string, "fail" | "warn", (stubs: Stubs) => void][] = [
  [
    "exec sessions not logged",
    "exec-logging",
    "warn",
    (s) =>
      s.ecs.on(DescribeClustersCommand).resolves({
        clusters: [
          {
            clusterArn: CLUSTER_ARN,
            configuration: { executeCommandConfiguration: { logging: "NONE" } },
          },
        ],
      }),
  ],
  [
    "no running task",
    "task-running",
    "fail",
    (s) => s.ecs.on(ListTasksCommand).resolves({ taskArns: [] }),
  ],
  [
    "an old platform",
    "platform-version",
    "fail",
    (s) => patchTask(s, { platformVersion: "1.3.0" }),
  ],
  [
    "a task without exec",
    "exec-enabled",
    "fail",
    (s) => patchTask(s, { enableExecuteCommand: false }),
  ],
  [
    "a stopped exec agent",
    "exec-agent-running",
    "fail",
    (s) =>
      patchTask(s, {
        containers: [
          { name: "app", managedAgents: [{ name: "ExecuteCommandAgent", lastStatus: "STOPPED" }] },
        ],
      }),
  ],
  [
    "no init process",
    "init-process",
    "fail",
    (s) =>
      s.ecs
        .on(DescribeTaskDefinitionCommand)
        .resolves({ taskDefinition: { containerDefinitions: [{ name: "app" }] } }),
  ],
  [
    "a read-only root",
    "writable-root",
    "warn",
    (s) => appContainerWith(s, { readonlyRootFilesystem: true }),
  ],
  [
    // Alpine's busybox has no script: ECS Exec writes empty session logs (amazon-ssm-agent#653).
    "exec logging on an Alpine image",
    "exec-transcripts",
    "warn",
    (s) => appContainerWith(s, { image: "public.ecr.aws/docker/library/alpine:3.20" }),
  ],
  [
    "a task role without channels",
    "task-role-channels",
    "fail",
    (s) =>
      s.iam
        .on(SimulatePrincipalPolicyCommand, { PolicySourceArn: TARGET.outputs.taskRoleArn })
        .resolves({
          EvaluationResults: [
            { EvalActionName: "ssmmessages:OpenDataChannel", EvalDecision: "implicitDeny" },
          ],
        }),
  ],
  [
    "no route to ssmmessages",
    "ssmmessages-reachable",
    "fail",
    (s) => s.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] }),
  ],
  [
    "an operator who may not exec",
    "operator-can-exec",
    "fail",
    (s) =>
      s.iam
        .on(SimulatePrincipalPolicyCommand, {
          PolicySourceArn: TARGET.outputs.ecsExecOperatorRoleArn,
        })
        .resolves({
          EvaluationResults: [
            { EvalActionName: "ecs:ExecuteCommand", EvalDecision: "explicitDeny" },
          ],
        }),
  ],
  [
    "the standard tier",
    "advanced-tier",
    "fail",
    (s) =>
      s.ssm.on(GetServiceSettingCommand).resolves({ ServiceSetting: { SettingValue: "standard" } }),
  ],
  [
    "no online instance",
    "instance-online",
    "fail",
    (s) => s.ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] }),
  ],
  [
    "stale instances",
    "stale-instances",
    "warn",
    (s) =>
      s.ssm.on(DescribeInstanceInformationCommand).resolves({
        InstanceInformationList: [
          { InstanceId: "mi-1", PingStatus: "Online" },
          { InstanceId: "mi-0", PingStatus: "ConnectionLost" },
        ],
      }),
  ],
  [
    "a missing Session document",
    "session-document",
    "fail",
    (s) =>
      s.ssm
        .on(DescribeDocumentCommand)
        .rejects(Object.assign(new Error("missing"), { name: "InvalidDocument" })),
  ],
  [
    "expired activations",
    "expired-activations",
    "warn",
    (s) => s.ssm.on(DescribeActivationsCommand).resolves({ ActivationList: [{ Expired: true }] }),
  ],
  [
    "a failed cleanup function",
    "cleanup-function",
    "fail",
    (s) =>
      s.lambda.on(GetFunctionCommand).resolves({
        Configuration: {
          State: "Failed",
          DeadLetterConfig: { TargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` },
        },
      }),
  ],
  [
    "cleanup errors",
    "cleanup-errors",
    "warn",
    (s) => s.cloudwatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Sum: 3 }] }),
  ],
  [
    "dead letters",
    "cleanup-dlq",
    "fail",
    (s) =>
      s.sqs
        .on(GetQueueAttributesCommand)
        .resolves({ Attributes: { ApproximateNumberOfMessages: "2" } }),
  ],
  [
    "an inactive state machine",
    "state-machine-active",
    "fail",
    (s) => s.sfn.on(DescribeStateMachineCommand).resolves({ name: "m", status: "DELETING" }),
  ],
  [
    "failed runs",
    "recent-executions",
    "warn",
    (s) => {
      s.sfn.on(ListExecutionsCommand).resolves({ executions: [execution("FAILED")] });
      s.sfn
        .on(DescribeExecutionCommand)
        .resolves({ error: "NonZeroExitCode", cause: "Container exited with code 2" });
    },
  ],
];

function execution(status: "SUCCEEDED" | "FAILED") {
  return {
    status,
    executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:m:e1`,
    stateMachineArn: TARGET.outputs.stepFunctionsStateMachineArn ?? "",
    name: "e1",
    startDate: new Date(0),
  };
}

function patchTask(stubs: Stubs, patch: Record<string, unknown>): void {
  stubs.ecs.on(DescribeTasksCommand).resolves({
    tasks: [
      {
        taskArn: TASK_ARN,
        clusterArn: CLUSTER_ARN,
        lastStatus: "RUNNING",
        platformVersion: "1.4.0",
        enableExecuteCommand: true,
        taskDefinitionArn: "td:1",
        attachments: [{ details: [{ name: "subnetId", value: "subnet-1" }] }],
        containers: [
          { name: "app", managedAgents: [{ name: "ExecuteCommandAgent", lastStatus: "RUNNING" }] },
        ],
        ...patch,
      },
    ],
  });
}

describe("doctor", () => {
  const clients = createClients(REGION);
  const stubs = mockAllClients();
  beforeEach(() => {
    for (const stub of Object.values(stubs)) stub.reset();
    healthy(stubs);
  });

  it("passes every check of a healthy account", async () => {
    const results = await runDoctor(clients, TARGET);
    assert.deepStrictEqual(
      results.filter((r) => r.status !== "pass"),
      [],
    );
    assert.strictEqual(new Set(results.map((r) => r.check)).size, 21);
  });

  for (const [title, check, status, breakIt] of BREAKAGES) {
    it(`reports ${title} as ${status} in ${check}, and nothing else`, async () => {
      breakIt(stubs);
      const results = await runDoctor(clients, TARGET);
      const flagged = results.filter((r) => r.status !== "pass");
      assert.deepStrictEqual(
        flagged.map((r: CheckResult) => [r.check, r.status]),
        [[check, status]],
        renderResults(results),
      );
      assert.ok(flagged[0].fix, "a fix hint");
    });
  }

  /** A VPC with more route tables than one page; the task's subnet has no explicit association. */
  function vpcWhereTaskSubnetUsesMainTable(
    mainRoutesToNat: boolean,
    endpoints: FakeVpcWorld["endpoints"] = [],
  ) {
    const ec2 = fakeEc2(
      {
        subnets: [{ SubnetId: TASK_SUBNET, VpcId: "vpc-1", AvailabilityZone: "ap-northeast-1a" }],
        vpcs: [{ VpcId: "vpc-1", EnableDnsSupport: true, EnableDnsHostnames: true }],
        endpoints,
        routeTables: [
          ...Array.from({ length: 6 }, (_, i) => ({
            RouteTableId: `rtb-other${i}`,
            VpcId: "vpc-1",
            subnets: [`subnet-other${i}`],
            routes: [{ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-1" }],
          })),
          {
            RouteTableId: "rtb-main",
            VpcId: "vpc-1",
            subnets: [],
            main: true,
            routes: mainRoutesToNat
              ? [{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-1" }]
              : [],
          },
        ],
      },
      5,
    );
    stubs.ec2.on(DescribeVpcEndpointsCommand).callsFake((input) => ec2.DescribeVpcEndpoints(input));
    stubs.ec2.on(DescribeSubnetsCommand).callsFake((input) => ec2.DescribeSubnets(input));
    stubs.ec2.on(DescribeRouteTablesCommand).callsFake((input) => ec2.DescribeRouteTables(input));
    stubs.ec2.on(DescribeVpcAttributeCommand).callsFake((input) => ec2.DescribeVpcAttribute(input));
  }

  it("reaches ssmmessages through the main route table's NAT (implicit association, second page)", async () => {
    vpcWhereTaskSubnetUsesMainTable(true);
    const results = await runDoctor(clients, TARGET);
    const check = results.find((r) => r.check === "ssmmessages-reachable");
    assert.strictEqual(check?.status, "pass", check?.detail);
    assert.match(check?.detail ?? "", /nat-1/);
  });

  it("finds the ssmmessages endpoint behind a page that filtering left empty", async () => {
    const elsewhere = Array.from({ length: 5 }, (_, i) => ({
      VpcEndpointId: `vpce-other${i}`,
      VpcId: `vpc-other${i}`,
      ServiceName: "com.amazonaws.ap-northeast-1.ssmmessages",
      State: "available",
    }));
    vpcWhereTaskSubnetUsesMainTable(false, [
      ...elsewhere,
      {
        VpcEndpointId: "vpce-1",
        VpcId: "vpc-1",
        ServiceName: "com.amazonaws.ap-northeast-1.ssmmessages",
        State: "available",
      },
    ]);
    const results = await runDoctor(clients, TARGET);
    const check = results.find((r) => r.check === "ssmmessages-reachable");
    assert.strictEqual(check?.status, "pass", check?.detail);
    assert.match(check?.detail ?? "", /VPC endpoint of vpc-1/);
  });

  it("fails ssmmessages when the VPC's enableDnsHostnames is off (the endpoint's private DNS)", async () => {
    const ec2 = fakeEc2({
      subnets: [{ SubnetId: TASK_SUBNET, VpcId: "vpc-1", AvailabilityZone: "ap-northeast-1a" }],
      vpcs: [{ VpcId: "vpc-1", EnableDnsSupport: true, EnableDnsHostnames: false }],
      routeTables: [],
      endpoints: [
        {
          VpcEndpointId: "vpce-1",
          VpcId: "vpc-1",
          ServiceName: "com.amazonaws.ap-northeast-1.ssmmessages",
          State: "available",
        },
      ],
    });
    stubs.ec2.on(DescribeVpcEndpointsCommand).callsFake((input) => ec2.DescribeVpcEndpoints(input));
    stubs.ec2.on(DescribeSubnetsCommand).callsFake((input) => ec2.DescribeSubnets(input));
    stubs.ec2.on(DescribeVpcAttributeCommand).callsFake((input) => ec2.DescribeVpcAttribute(input));
    const results = await runDoctor(clients, TARGET);
    const check = results.find((r) => r.check === "ssmmessages-reachable");
    assert.strictEqual(check?.status, "fail", renderResults(results));
    assert.match(check?.detail ?? "", /VPC vpc-1 has enableDnsHostnames off/);
    assert.match(check?.fix ?? "", /modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames/);
  });

  it("fails ssmmessages when the subnet's (main) route table has no NAT route", async () => {
    vpcWhereTaskSubnetUsesMainTable(false);
    const results = await runDoctor(clients, TARGET);
    assert.strictEqual(results.find((r) => r.check === "ssmmessages-reachable")?.status, "fail");
  });

  /** The strict ECS fake behind ListTasks and DescribeTasks (the other ECS calls stay stubbed). */
  function serviceTasks(...tasks: FakeTask[]) {
    const ecs = fakeEcs({ tasks: new Map(tasks.map((t) => [t.taskArn, t])) });
    stubs.ecs.on(ListTasksCommand).callsFake((input) => ecs.ListTasks(input));
    stubs.ecs.on(DescribeTasksCommand).callsFake((input) => ecs.DescribeTasks(input));
  }
  const ECS_EXEC_ONLY = { ...TARGET, outputs: { ...TARGET.outputs, strategies: ["ecsExec"] } };

  it("checks the task ECS Exec can enter, behind 150 tasks still PENDING (ListTasks lists them)", async () => {
    const pending = Array.from({ length: 150 }, (_, i) => {
      const task: FakeTask = execReadyTask("c", "s", `pending${i}`);
      task.lastStatus = "PENDING";
      task.containers = [{ name: "app", lastStatus: "PENDING" }];
      return task;
    });
    const ready = execReadyTask("c", "s", "ready");
    serviceTasks(...pending, ready);
    const results = await runDoctor(clients, {
      ...ECS_EXEC_ONLY,
      outputs: { ...ECS_EXEC_ONLY.outputs, clusterName: "c", serviceName: "s" },
    });
    const byCheck = new Map(results.map((r) => [r.check, r]));
    for (const check of ["task-running", "exec-enabled", "exec-agent-running"]) {
      assert.strictEqual(byCheck.get(check)?.status, "pass", renderResults(results));
    }
    assert.strictEqual(byCheck.get("task-running")?.detail, ready.taskArn);
  });

  it("fails task-running while every task ECS wants running is still PENDING", async () => {
    const task: FakeTask = execReadyTask("c", "s", "p");
    task.lastStatus = "PENDING";
    serviceTasks(task);
    const results = await runDoctor(clients, {
      ...ECS_EXEC_ONLY,
      outputs: { ...ECS_EXEC_ONLY.outputs, clusterName: "c", serviceName: "s" },
    });
    const check = results.find((r) => r.check === "task-running");
    assert.strictEqual(check?.status, "fail");
    assert.match(check?.detail ?? "", /none of the 1 task\(s\) ECS wants running is RUNNING yet/);
  });

  it("checks the caller when there is no operator role", async () => {
    const results = await runDoctor(clients, {
      ...TARGET,
      outputs: {
        ...TARGET.outputs,
        strategies: ["ecsExec"],
        ecsExecOperatorRoleArn: "none: set …",
      },
    });
    assert.match(
      results.find((r) => r.check === "operator-can-exec")?.detail ?? "",
      /arn:aws:iam::123456789012:role\/me may/,
    );
  });

  /** One AWS call denied each, and the only checks that may fail because of it. */
  const DENIED_CALLS: [string, (stubs: Stubs) => { rejects: (e: Error) => unknown }, string[]][] = [
    ["DescribeClusters", (s) => s.ecs.on(DescribeClustersCommand), ["exec-logging"]],
    [
      "DescribeTaskDefinition",
      (s) => s.ecs.on(DescribeTaskDefinitionCommand),
      // exec-transcripts reads the image names from the task definition too.
      ["init-process", "writable-root", "exec-transcripts"],
    ],
    [
      "SimulatePrincipalPolicy (task role)",
      (s) =>
        s.iam.on(SimulatePrincipalPolicyCommand, { PolicySourceArn: TARGET.outputs.taskRoleArn }),
      ["task-role-channels"],
    ],
    ["DescribeSubnets", (s) => s.ec2.on(DescribeSubnetsCommand), ["ssmmessages-reachable"]],
    ["GetServiceSetting", (s) => s.ssm.on(GetServiceSettingCommand), ["advanced-tier"]],
    [
      "DescribeInstanceInformation",
      (s) => s.ssm.on(DescribeInstanceInformationCommand),
      ["instance-online", "stale-instances"],
    ],
    ["DescribeActivations", (s) => s.ssm.on(DescribeActivationsCommand), ["expired-activations"]],
    ["GetFunction", (s) => s.lambda.on(GetFunctionCommand), ["cleanup-function", "cleanup-dlq"]],
    ["GetMetricStatistics", (s) => s.cloudwatch.on(GetMetricStatisticsCommand), ["cleanup-errors"]],
    ["GetQueueAttributes", (s) => s.sqs.on(GetQueueAttributesCommand), ["cleanup-dlq"]],
    [
      "DescribeStateMachine",
      (s) => s.sfn.on(DescribeStateMachineCommand),
      ["state-machine-active"],
    ],
    ["ListExecutions", (s) => s.sfn.on(ListExecutionsCommand), ["recent-executions"]],
  ];

  for (const [call, stubOf, checks] of DENIED_CALLS) {
    it(`reports a denied ${call} in ${checks.join(", ")} only; every other check still runs`, async () => {
      stubOf(stubs).rejects(
        Object.assign(new Error(`User is not authorized to perform ${call}`), {
          name: "AccessDeniedException",
        }),
      );
      const results = await runDoctor(clients, TARGET);
      assert.strictEqual(new Set(results.map((r) => r.check)).size, 21, renderResults(results));
      const failed = results.filter((r) => r.status !== "pass");
      assert.deepStrictEqual(
        failed.map((r) => [r.check, r.status]).sort(),
        checks.map((check) => [check, "fail"]).sort(),
        renderResults(results),
      );
      for (const result of failed) {
        assert.match(
          result.detail,
          /could not check: AccessDeniedException: User is not authorized/,
        );
        assert.match(result.fix ?? "", /read-only permissions/);
      }
    });
  }

  it("checks an IAM Identity Center caller under its role's path (GetRole), not a rebuilt ARN", async () => {
    const ssoRole = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_Admin_0123abcd`;
    const iam = fakeIam([
      { Arn: ssoRole, allows: ["ecs:ExecuteCommand"] },
      {
        Arn: TARGET.outputs.taskRoleArn,
        allows: [
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ],
      },
    ]);
    stubs.iam.reset();
    stubs.iam.on(GetRoleCommand).callsFake((input) => iam.GetRole(input));
    stubs.iam
      .on(SimulatePrincipalPolicyCommand)
      .callsFake((input) => iam.SimulatePrincipalPolicy(input));
    stubs.sts.on(GetCallerIdentityCommand).resolves({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123abcd/me@example.com`,
    });
    const results = await runDoctor(clients, {
      ...TARGET,
      outputs: {
        ...TARGET.outputs,
        strategies: ["ecsExec"],
        ecsExecOperatorRoleArn: "none: set …",
      },
    });
    assert.deepStrictEqual(
      results.filter((r) => r.status !== "pass"),
      [],
      renderResults(results),
    );
    assert.strictEqual(
      results.find((r) => r.check === "operator-can-exec")?.detail,
      `${ssoRole} may ecs:ExecuteCommand into app`,
    );
  });

  it("renders ✔, ✖ and ! lines with fixes", () => {
    const text = renderResults([
      { strategy: "ecsExec", check: "a", status: "pass", detail: "ok" },
      { strategy: "ecsExec", check: "b", status: "fail", detail: "broken", fix: "do x" },
      { strategy: "ecsExec", check: "c", status: "warn", detail: "hmm", fix: "do y" },
    ]);
    assert.strictEqual(
      text,
      "✔ [ecsExec] a: ok\n✖ [ecsExec] b: broken\n    fix: do x\n! [ecsExec] c: hmm\n    fix: do y",
    );
  });

  it("compares platform versions and maps assumed roles to roles", () => {
    assert.ok(platformAtLeast("1.4.0", "1.4.0"));
    assert.ok(platformAtLeast("1.10.0", "1.4.0"));
    assert.ok(!platformAtLeast("1.3.0", "1.4.0"));
    assert.ok(platformAtLeast("LATEST", "1.4.0"));
    assert.strictEqual(
      assumedRoleName("arn:aws:sts::123456789012:assumed-role/Admin/me@example.com"),
      "Admin",
    );
    assert.strictEqual(assumedRoleName("arn:aws:iam::1:user/u"), undefined);
  });
});
