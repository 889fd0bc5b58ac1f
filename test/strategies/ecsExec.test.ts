import * as assert from "assert";
import { OfflineRun } from "../../offline/runOffline";
import { ExecWorld, openExecSession, statementsAllow } from "../fakes/ecsExecAgent";
import {
  allowedActions,
  containersOf,
  plan,
  resourceNamed,
  resourcesOfType,
  stackConfig,
  statementsOf,
} from "../helpers/offlinePlan";

const CHANNELS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
];
const OPERATOR = "arn:aws:iam::123456789012:role/oncall";

function execPlan(ecsExec: Record<string, unknown>): Promise<OfflineRun> {
  return plan(stackConfig({ "fargate-access:ecsExec": ecsExec }));
}

function clusterExecConfig(run: OfflineRun): Record<string, unknown> {
  const configuration = resourceNamed(run, "workload-cluster").inputs.configuration as {
    executeCommandConfiguration: Record<string, unknown>;
  };
  return configuration.executeCommandConfiguration;
}

describe("EcsExecAccess", () => {
  const keyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const LOGS = [
    "logs:CreateLogStream",
    "logs:DescribeLogGroups",
    "logs:DescribeLogStreams",
    "logs:PutLogEvents",
  ];
  const combinations: [string, string, string[]][] = [
    ["override", "create", [...CHANNELS, "kms:Decrypt", ...LOGS]],
    ["override", "none", [...CHANNELS, ...LOGS]],
    ["override", keyArn, [...CHANNELS, "kms:Decrypt", ...LOGS]],
    ["default", "create", [...CHANNELS, "kms:Decrypt", ...LOGS]],
    ["default", "none", [...CHANNELS, ...LOGS]],
    ["none", "create", [...CHANNELS, "kms:Decrypt"]],
    ["none", "none", CHANNELS],
    ["none", keyArn, [...CHANNELS, "kms:Decrypt"]],
  ];
  for (const [logging, kmsKey, actions] of combinations) {
    it(`logging: ${logging}, kmsKey: ${kmsKey.slice(0, 20)} → exact task-role actions and cluster config`, async () => {
      const run = await execPlan({ logging, kmsKey });
      const taskPolicy = resourceNamed(run, "ecs-exec-task-policy");
      assert.strictEqual(
        taskPolicy.inputs.role,
        String(resourceNamed(run, "workload-task-role").id),
      );
      assert.deepStrictEqual(allowedActions(taskPolicy), [...actions].sort());
      const exec = clusterExecConfig(run);
      assert.strictEqual(exec.logging, logging.toUpperCase());
      const createdKeys = resourcesOfType(run, "aws:kms/key:Key");
      assert.strictEqual(createdKeys.length, kmsKey === "create" ? 1 : 0);
      const expectedKey =
        kmsKey === "create"
          ? "arn:aws:kms:ap-northeast-1:123456789012:key/"
          : kmsKey === "none"
            ? undefined
            : kmsKey;
      if (expectedKey === undefined) {
        assert.strictEqual(exec.kmsKeyId, undefined);
      } else {
        assert.ok(String(exec.kmsKeyId).startsWith(expectedKey), String(exec.kmsKeyId));
      }
      const logGroups = run.resources.filter((r) => r.name === "ecs-exec-logs");
      assert.strictEqual(logGroups.length, logging === "override" ? 1 : 0);
      if (logging === "override") {
        assert.deepStrictEqual(exec.logConfiguration, {
          cloudWatchLogGroupName: "/fargate-access/test/ecs-exec",
          cloudWatchEncryptionEnabled: kmsKey !== "none",
        });
        assert.strictEqual(logGroups[0].inputs.retentionInDays, 30);
        assert.strictEqual(logGroups[0].inputs.kmsKeyId === undefined, kmsKey === "none");
      }
    });
  }

  for (const [logging, kmsKey] of combinations) {
    it(`logging: ${logging}, kmsKey: ${kmsKey.slice(0, 20)} → the agent starts sessions and streams them when logging is on`, async () => {
      const run = await execPlan({ logging, kmsKey });
      const outcome = await openExecSession(execWorld(run));
      assert.ok(outcome.started, outcome.started ? "" : outcome.reason);
      const expected =
        logging === "none"
          ? undefined
          : logging === "default"
            ? containersOf(run)[0].logConfiguration.options["awslogs-group"]
            : "/fargate-access/test/ecs-exec";
      assert.strictEqual(outcome.streamingTo, expected);
    });
  }

  it("scopes log writes to the exec log group and decrypt to the key", async () => {
    const run = await execPlan({});
    const statements = statementsOf(resourceNamed(run, "ecs-exec-task-policy"));
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s.Resource]));
    assert.deepStrictEqual(bySid.SessionChannels, ["*"]);
    assert.deepStrictEqual(bySid.WriteSessionLogs, [
      "arn:aws:logs:ap-northeast-1:123456789012:log-group:/fargate-access/test/ecs-exec:log-stream:*",
    ]);
    assert.deepStrictEqual(bySid.FindSessionLogStreams, [
      "arn:aws:logs:ap-northeast-1:123456789012:log-group:/fargate-access/test/ecs-exec:*",
    ]);
    // Adds to the session log; never deletes from it or changes its retention.
    const actions = statements.flatMap((s) => s.Action);
    assert.ok(
      !actions.some((a) => /^logs:(Delete|Put(Retention|Resource)Policy)/.test(a)),
      actions.join(),
    );
    assert.match(
      String(bySid.DecryptSessionData),
      /^arn:aws:kms:ap-northeast-1:123456789012:key\//,
    );
  });

  it("creates a rotating key whose policy lets CloudWatch Logs use it for the exec log group only", async () => {
    const run = await execPlan({});
    const key = resourceNamed(run, "ecs-exec-key");
    assert.strictEqual(key.inputs.enableKeyRotation, true);
    const policy = JSON.parse(String(key.inputs.policy));
    const logs = policy.Statement.find(
      (s: { Sid: string }) => s.Sid === "CloudWatchLogsEncryptsSessionLogGroup",
    );
    assert.deepStrictEqual(logs.Principal, { Service: "logs.ap-northeast-1.amazonaws.com" });
    assert.deepStrictEqual(logs.Condition, {
      ArnEquals: {
        "kms:EncryptionContext:aws:logs:arn":
          "arn:aws:logs:ap-northeast-1:123456789012:log-group:/fargate-access/test/ecs-exec",
      },
    });
  });

  it("creates no operator role without principals, and says so", async () => {
    const run = await execPlan({});
    assert.strictEqual(
      run.resources.some((r) => r.name === "ecs-exec-operator-role"),
      false,
    );
    assert.match(
      String(run.outputs.ecsExecOperatorRoleArn),
      /^none: set fargate-access:ecsExec.operatorPrincipals/,
    );
  });

  it("lets operators exec into this cluster's container only, and denies raw SSM sessions", async () => {
    const run = await execPlan({ operatorPrincipals: [OPERATOR] });
    const keyArn = String(clusterExecConfig(run).kmsKeyId);
    const role = resourceNamed(run, "ecs-exec-operator-role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { AWS: [OPERATOR] });
    const physicalName = role.id.replace(/-id$/, "");
    assert.strictEqual(
      run.outputs.ecsExecOperatorRoleArn,
      `arn:aws:iam::123456789012:role/${physicalName}`,
    );
    const clusterArn = `arn:aws:ecs:ap-northeast-1:123456789012:cluster/${String(run.outputs.clusterName)}`;
    const tasks = `arn:aws:ecs:ap-northeast-1:123456789012:task/${String(run.outputs.clusterName)}/*`;
    assert.deepStrictEqual(statementsOf(resourceNamed(run, "ecs-exec-operator-policy")), [
      {
        Sid: "ExecIntoContainer",
        Effect: "Allow",
        Action: ["ecs:ExecuteCommand"],
        Resource: [clusterArn, tasks],
        Condition: {
          ArnEquals: { "ecs:cluster": clusterArn },
          StringEquals: { "ecs:container-name": "app" },
        },
      },
      {
        Sid: "DescribeClusterTasks",
        Effect: "Allow",
        Action: ["ecs:DescribeTasks"],
        Resource: [tasks],
        Condition: { ArnEquals: { "ecs:cluster": clusterArn } },
      },
      {
        Sid: "ListClusterTasks",
        Effect: "Allow",
        Action: ["ecs:ListTasks"],
        Resource: ["*"],
        Condition: { ArnEquals: { "ecs:cluster": clusterArn } },
      },
      {
        Sid: "EncryptSessionData",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey"],
        Resource: [keyArn],
      },
      {
        Sid: "NoDirectSessionToTasks",
        Effect: "Deny",
        Action: ["ssm:StartSession"],
        Resource: ["arn:aws:ecs:ap-northeast-1:123456789012:task/*"],
      },
    ]);
  });

  it("outputs a ready-to-paste execute-command for this cluster, service and container", async () => {
    const run = await execPlan({});
    const command = String(run.outputs.ecsExecCommand);
    assert.ok(
      command.includes(
        `aws ecs list-tasks --region ap-northeast-1 --cluster ${String(run.outputs.clusterName)} --service-name ${String(run.outputs.serviceName)}`,
      ),
      command,
    );
    assert.ok(
      command.includes('--task "$TASK_ARN" --container app --interactive --command "/bin/sh"'),
      command,
    );
  });
});

/** The world the exec agent sees: cluster settings, log groups and the task role's policies. */
function execWorld(run: OfflineRun): ExecWorld {
  const exec = clusterExecConfig(run) as {
    logging: ExecWorld["logging"];
    kmsKeyId?: string;
    logConfiguration?: { cloudWatchLogGroupName: string; cloudWatchEncryptionEnabled: boolean };
  };
  const logGroups = Object.fromEntries(
    resourcesOfType(run, "aws:cloudwatch/logGroup:LogGroup").map((group) => [
      String(group.outputs.name),
      {
        arn: String(group.outputs.arn),
        kmsKeyId: group.inputs.kmsKeyId === undefined ? undefined : String(group.inputs.kmsKeyId),
      },
    ]),
  );
  const taskRoleId = resourceNamed(run, "workload-task-role").id;
  const statements = resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy")
    .filter((policy) => policy.inputs.role === taskRoleId)
    .flatMap((policy) => statementsOf(policy));
  return {
    logging: exec.logging,
    kmsKeyId: exec.kmsKeyId,
    cloudWatchLogGroupName: exec.logConfiguration?.cloudWatchLogGroupName,
    cloudWatchEncryptionEnabled: exec.logConfiguration?.cloudWatchEncryptionEnabled,
    containerLogGroup: containersOf(run)[0].logConfiguration.options["awslogs-group"],
    logGroups,
    taskRoleAllows: (action, resource) => statementsAllow(statements, action, resource),
  };
}
