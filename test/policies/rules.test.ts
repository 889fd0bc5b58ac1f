import * as assert from "assert";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../../policies/lib/resourceTypes";
import { ecsContainerInsights } from "../../policies/rules/ecsContainerInsights";
import { ecsExecutionRoleSeparate } from "../../policies/rules/ecsExecutionRoleSeparate";
import { iamLeastPrivilege } from "../../policies/rules/iamLeastPrivilege";
import { logGroupRetention } from "../../policies/rules/logGroupRetention";
import { ecsExecChannelPermissions } from "../../policies/rules/ecsExecChannelPermissions";
import { ssmAdvancedTier } from "../../policies/rules/ssmAdvancedTier";
import { stackViolationsOf, violationsOf } from "./runPolicy";

type Props = Record<string, unknown>;
const clone = (value: Props): Props => JSON.parse(JSON.stringify(value));

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
/** A rule, the resource it checks in a compliant form, and single-field breakages. */
interface RuleCase {
  policy: ResourceValidationPolicy;
  type: string;
  good: Props;
  breakages: [string, (props: Props) => void][];
}

/** Exported for the coverage meta-test (test/policies/coverage.test.ts). */
export const cases: RuleCase[] = [
  {
    policy: ecsExecutionRoleSeparate,
    type: TYPES.taskDefinition,
    good: goodTaskDefinition,
    breakages: [["same role twice", (p) => (p.executionRoleArn = p.taskRoleArn)]],
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
    policy: logGroupRetention,
    type: TYPES.logGroup,
    good: { retentionInDays: 30 },
    breakages: [
      ["no retention", (p) => delete p.retentionInDays],
      ["zero retention", (p) => (p.retentionInDays = 0)],
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
