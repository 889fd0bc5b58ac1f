import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../../policies/lib/resourceTypes";
import { ecsContainerHardening } from "../../policies/rules/ecsContainerHardening";
import { ecsContainerInsights } from "../../policies/rules/ecsContainerInsights";
import { ecsExecLoggingEncrypted } from "../../policies/rules/ecsExecLoggingEncrypted";
import { ecsExecutionRoleSeparate } from "../../policies/rules/ecsExecutionRoleSeparate";
import { ecsInitProcessEnabled } from "../../policies/rules/ecsInitProcessEnabled";
import { ecsNoPublicIp } from "../../policies/rules/ecsNoPublicIp";
import { ecsPrivateSubnets } from "../../policies/rules/ecsPrivateSubnets";
import { iamLeastPrivilege } from "../../policies/rules/iamLeastPrivilege";
import { lambdaRuntimeAndDlq } from "../../policies/rules/lambdaRuntimeAndDlq";
import { logGroupRetention } from "../../policies/rules/logGroupRetention";
import { ecsExecChannelPermissions } from "../../policies/rules/ecsExecChannelPermissions";
import { ssmAdvancedTier } from "../../policies/rules/ssmAdvancedTier";
import { stateMachineObservability } from "../../policies/rules/stateMachineObservability";
import { buildRunTaskDefinition } from "../../components/strategies/stepFunctions/definition";
import { stackViolationsOf, violationsOf } from "./runPolicy";

type Props = Record<string, unknown>;
const clone = (value: Props): Props => JSON.parse(JSON.stringify(value));

const CLUSTER = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/c";
const container = {
  name: "app",
  image: "repo@sha256:abc",
  privileged: false,
  linuxParameters: { initProcessEnabled: true },
  environment: [{ name: "MODE", value: "batch" }],
};
const goodTaskDefinition: Props = {
  containerDefinitions: JSON.stringify([container]),
  networkMode: "awsvpc",
  taskRoleArn: "arn:aws:iam::123456789012:role/task",
  executionRoleArn: "arn:aws:iam::123456789012:role/exec",
};
const definitionArgs = {
  clusterArn: CLUSTER,
  taskDefinitionFamily: "f",
  containerName: "app",
  subnetIds: ["subnet-priv"],
  securityGroupIds: ["sg-1"],
  capacityProvider: "FARGATE" as const,
  timeoutSeconds: 600,
};
const goodStateMachine: Props = {
  definition: JSON.stringify(buildRunTaskDefinition(definitionArgs)),
  loggingConfiguration: { level: "ALL", includeExecutionData: true },
  tracingConfiguration: { enabled: true },
};

/** A rule, the resource it checks in a compliant form, and single-field breakages. */
interface RuleCase {
  policy: ResourceValidationPolicy;
  type: string;
  good: Props;
  breakages: [string, (props: Props) => void][];
}

const withContainer = (mutate: (c: Props) => void) => (props: Props) => {
  const containers = JSON.parse(String(props.containerDefinitions));
  mutate(containers[0]);
  props.containerDefinitions = JSON.stringify(containers);
};
const withRunTask = (mutate: (state: Props) => void) => (props: Props) => {
  const definition = JSON.parse(String(props.definition));
  mutate(definition.States.RunTask);
  props.definition = JSON.stringify(definition);
};

const cases: RuleCase[] = [
  {
    policy: ecsInitProcessEnabled,
    type: TYPES.taskDefinition,
    good: goodTaskDefinition,
    breakages: [
      [
        "initProcessEnabled false",
        withContainer((c) => (c.linuxParameters = { initProcessEnabled: false })),
      ],
      ["no linuxParameters", withContainer((c) => delete c.linuxParameters)],
      ["unreadable containerDefinitions", (p) => (p.containerDefinitions = "[oops")],
    ],
  },
  {
    policy: ecsNoPublicIp,
    type: TYPES.service,
    good: { networkConfiguration: { subnets: ["subnet-priv"], assignPublicIp: false } },
    breakages: [
      ["assignPublicIp true", (p) => ((p.networkConfiguration as Props).assignPublicIp = true)],
    ],
  },
  {
    policy: ecsNoPublicIp,
    type: TYPES.stateMachine,
    good: goodStateMachine,
    breakages: [
      [
        "AssignPublicIp ENABLED",
        withRunTask(
          (s) =>
            ((
              (s.Parameters as Props).NetworkConfiguration as { AwsvpcConfiguration: Props }
            ).AwsvpcConfiguration.AssignPublicIp = "ENABLED"),
        ),
      ],
      [
        "network taken from the input",
        withRunTask((s) => {
          const p = s.Parameters as Props;
          p["NetworkConfiguration.$"] = "$.network";
          delete p.NetworkConfiguration;
        }),
      ],
      [
        "ENABLED inside a Parallel branch",
        (p) => {
          const definition = JSON.parse(String(p.definition));
          const nested = JSON.parse(JSON.stringify(definition.States.RunTask));
          nested.Parameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp = "ENABLED";
          nested.End = true;
          delete nested.Next;
          delete nested.Catch;
          definition.States.Fanout = {
            Type: "Parallel",
            Branches: [{ StartAt: "Nested", States: { Nested: nested } }],
            End: true,
          };
          p.definition = JSON.stringify(definition);
        },
      ],
    ],
  },
  {
    policy: ecsExecutionRoleSeparate,
    type: TYPES.taskDefinition,
    good: goodTaskDefinition,
    breakages: [["same role twice", (p) => (p.executionRoleArn = p.taskRoleArn)]],
  },
  {
    policy: ecsContainerHardening,
    type: TYPES.taskDefinition,
    good: goodTaskDefinition,
    breakages: [
      ["a privileged container", withContainer((c) => (c.privileged = true))],
      ["host networking", (p) => (p.networkMode = "host")],
      [
        "a password in plain environment",
        withContainer((c) => (c.environment = [{ name: "DB_PASSWORD", value: "x" }])),
      ],
    ],
  },
  {
    policy: ecsContainerInsights,
    type: TYPES.cluster,
    good: { settings: [{ name: "containerInsights", value: "enabled" }] },
    breakages: [
      [
        "insights disabled",
        (p) => (p.settings = [{ name: "containerInsights", value: "disabled" }]),
      ],
      ["no settings", (p) => delete p.settings],
    ],
  },
  {
    policy: ecsExecLoggingEncrypted,
    type: TYPES.cluster,
    good: {
      configuration: {
        executeCommandConfiguration: {
          logging: "OVERRIDE",
          kmsKeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/k",
          logConfiguration: { cloudWatchLogGroupName: "g", cloudWatchEncryptionEnabled: true },
        },
      },
    },
    breakages: [
      [
        "no KMS key",
        (p) =>
          delete (p.configuration as { executeCommandConfiguration: Props })
            .executeCommandConfiguration.kmsKeyId,
      ],
      [
        "logging NONE",
        (p) =>
          ((
            p.configuration as { executeCommandConfiguration: Props }
          ).executeCommandConfiguration.logging = "NONE"),
      ],
      [
        "unencrypted log group",
        (p) =>
          ((
            (p.configuration as { executeCommandConfiguration: Props }).executeCommandConfiguration
              .logConfiguration as Props
          ).cloudWatchEncryptionEnabled = false),
      ],
    ],
  },
  {
    policy: stateMachineObservability,
    type: TYPES.stateMachine,
    good: goodStateMachine,
    breakages: [
      ["logging ERROR only", (p) => (p.loggingConfiguration = { level: "ERROR" })],
      ["tracing off", (p) => (p.tracingConfiguration = { enabled: false })],
      ["run-task without timeout", withRunTask((s) => delete s.TimeoutSeconds)],
    ],
  },
  {
    policy: logGroupRetention,
    type: TYPES.logGroup,
    good: { retentionInDays: 30 },
    breakages: [
      ["no retention", (p) => delete p.retentionInDays],
      ["zero retention", (p) => (p.retentionInDays = 0)],
    ],
  },
  {
    policy: lambdaRuntimeAndDlq,
    type: TYPES.lambdaFunction,
    good: {
      runtime: "nodejs22.x",
      deadLetterConfig: { targetArn: "arn:aws:sqs:ap-northeast-1:123456789012:dlq" },
    },
    breakages: [
      ["a deprecated runtime", (p) => (p.runtime = "nodejs16.x")],
      ["no dead-letter queue", (p) => delete p.deadLetterConfig],
    ],
  },
];

describe("policy rules: compliant resources pass, each single breakage fails", () => {
  for (const { policy, type, good, breakages } of cases) {
    describe(`${policy.name} on ${type}`, () => {
      it("passes the compliant resource", async () => {
        assert.deepStrictEqual(await violationsOf(policy, type, clone(good)), []);
      });
      for (const [title, breakIt] of breakages) {
        it(`reports ${title}`, async () => {
          const props = clone(good);
          breakIt(props);
          const violations = await violationsOf(policy, type, props);
          assert.strictEqual(violations.length, 1, violations.join("\n") || "no violation");
        });
      }
    });
  }

  it("ignores resource types a rule does not cover", async () => {
    for (const { policy } of cases) {
      assert.deepStrictEqual(
        await violationsOf(policy, "aws:s3/bucket:Bucket", {
          policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        }),
        [],
      );
    }
  });

  it("copes with a policy that is not known yet (preview)", async () => {
    assert.deepStrictEqual(await violationsOf(iamLeastPrivilege, TYPES.rolePolicy, {}), []);
  });

  it("honours the log retention minimum from the pack config", async () => {
    const violations = await violationsOf(
      logGroupRetention,
      TYPES.logGroup,
      { retentionInDays: 30 },
      { minimumDays: 365 },
    );
    assert.strictEqual(violations.length, 1);
  });
});

describe("ecs-private-subnets (stack rule)", () => {
  const vpc = {
    type: TYPES.awsxVpc,
    props: { publicSubnetIds: ["subnet-pub"], privateSubnetIds: ["subnet-priv"] },
  };
  const service = (subnet: string) => ({
    type: TYPES.service,
    props: { networkConfiguration: { subnets: [subnet] } },
  });

  it("passes services and state machines in private subnets", async () => {
    assert.deepStrictEqual(
      await stackViolationsOf(ecsPrivateSubnets, [
        vpc,
        service("subnet-priv"),
        { type: TYPES.stateMachine, props: goodStateMachine },
      ]),
      [],
    );
  });

  it("reports a service in the VPC's public subnet", async () => {
    assert.strictEqual(
      (await stackViolationsOf(ecsPrivateSubnets, [vpc, service("subnet-pub")])).length,
      1,
    );
  });

  it("reports a run-task state in a subnet that maps public IPs", async () => {
    const publicSubnet = {
      type: TYPES.subnet,
      props: { id: "subnet-priv", mapPublicIpOnLaunch: true },
    };
    assert.strictEqual(
      (
        await stackViolationsOf(ecsPrivateSubnets, [
          publicSubnet,
          { type: TYPES.stateMachine, props: goodStateMachine },
        ])
      ).length,
      1,
    );
  });
});

describe("ecs-exec-channel-permissions (stack rule)", () => {
  const roleArn = "arn:aws:iam::123456789012:role/task";
  const stack = (actions: string[], enableExecuteCommand = true) => [
    {
      type: TYPES.service,
      props: {
        enableExecuteCommand,
        taskDefinition: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/f:1",
      },
    },
    {
      type: TYPES.taskDefinition,
      props: {
        arn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/f:1",
        taskRoleArn: roleArn,
      },
    },
    { type: TYPES.role, props: { arn: roleArn, id: "task", name: "task" } },
    {
      type: TYPES.rolePolicy,
      props: {
        role: "task",
        policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }],
        }),
      },
    },
  ];

  it("passes when the task role opens the four channels (wildcards count)", async () => {
    assert.deepStrictEqual(
      await stackViolationsOf(
        ecsExecChannelPermissions,
        stack(["ssmmessages:Create*", "ssmmessages:Open*"]),
      ),
      [],
    );
  });

  it("reports the channel actions a task role lacks", async () => {
    const violations = await stackViolationsOf(
      ecsExecChannelPermissions,
      stack(["ssmmessages:CreateControlChannel"]),
    );
    assert.strictEqual(violations.length, 1);
    assert.match(
      violations[0],
      /CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel/,
    );
  });

  it("ignores services without ECS Exec", async () => {
    assert.deepStrictEqual(
      await stackViolationsOf(ecsExecChannelPermissions, stack([], false)),
      [],
    );
  });
});

describe("ssm-advanced-tier-for-hybrid-activation (stack rule)", () => {
  const activationRole = {
    type: TYPES.role,
    props: {
      assumeRolePolicy: JSON.stringify({
        Statement: [{ Principal: { Service: "ssm.amazonaws.com" } }],
      }),
    },
  };
  const tier = (value: string) => ({
    type: TYPES.serviceSetting,
    props: {
      settingId:
        "arn:aws:ssm:ap-northeast-1:123456789012:servicesetting/ssm/managed-instance/activation-tier",
      settingValue: value,
    },
  });

  it("passes with the advanced tier, and without any activation role", async () => {
    assert.deepStrictEqual(
      await stackViolationsOf(ssmAdvancedTier, [activationRole, tier("advanced")]),
      [],
    );
    assert.deepStrictEqual(await stackViolationsOf(ssmAdvancedTier, [tier("standard")]), []);
  });

  it("reports an activation role on the standard tier or with no setting", async () => {
    assert.strictEqual(
      (await stackViolationsOf(ssmAdvancedTier, [activationRole, tier("standard")])).length,
      1,
    );
    assert.strictEqual((await stackViolationsOf(ssmAdvancedTier, [activationRole])).length, 1);
  });
});
