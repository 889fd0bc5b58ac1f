import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { SFNClient } from "@aws-sdk/client-sfn";
import * as assert from "assert";
import { main } from "../../scripts/audit";
import { throttleFirst } from "../fakes/awsJsonServer";
import { FakeCloudTrail, assumedRoleIdentity, createFakeCloudTrail } from "../fakes/cloudtrail";
import { denyOperation } from "../fakes/denied";
import { FakeService } from "../fakes/fakeService";
import { createFakeLogs } from "../fakes/logs";
import { FakeSfn, createFakeSfn } from "../fakes/sfn";
import { pastExecution, withListExecutions } from "../fakes/sfnExecutions";
import {
  STACK,
  STACK_DEFINITION,
  captureIo,
  outputsFile,
  stackOutputs,
  useRealSdkSend,
  withFakeAws,
} from "../helpers/operatorHarness";

const HOUR = 3_600_000;
const OTHER_MACHINE = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:someone-else";

/** A stack with a week of activity in every strategy, as AWS would record it. */
async function recordedWeek() {
  const now = Date.now();
  const ago = (hours: number) => new Date(now - hours * HOUR);
  const logs = createFakeLogs(50);
  logs.createGroup(STACK.logGroup);
  const sfn: FakeSfn = createFakeSfn({
    stateMachineArn: STACK.stateMachineArn,
    definition: STACK_DEFINITION,
    logs,
    logGroupName: STACK.logGroup,
    containerName: STACK.container,
    runFor: ({ commands }) =>
      commands[0] === "false"
        ? { logLines: ["oops"], exitCode: 3 }
        : commands[0] === "never"
          ? { logLines: [], exitCode: null, stoppedReason: "CannotPullContainerError" }
          : { logLines: ["done"], exitCode: 0 },
  });
  const trail: FakeCloudTrail = createFakeCloudTrail();
  const started = (
    arn: string,
    at: Date,
    identity: Record<string, unknown>,
    machine = STACK.stateMachineArn,
  ) =>
    trail.record({
      eventTime: at,
      eventSource: "states.amazonaws.com",
      eventName: "StartExecution",
      userIdentity: identity,
      requestParameters: { stateMachineArn: machine, input: "HIDDEN_DUE_TO_SECURITY_REASONS" },
      responseElements: { executionArn: arn, startDate: at.toISOString() },
    });
  const batch = await pastExecution(
    sfn,
    STACK.stateMachineArn,
    ["php", "artisan", "batch:x"],
    ago(2),
  );
  started(
    batch,
    ago(2),
    assumedRoleIdentity("fargate-access-dev-sfn-operator", "fargate-access-alice", {
      sourceIdentity: "alice",
      mfa: true,
    }),
  );
  const failed = await pastExecution(sfn, STACK.stateMachineArn, ["false"], ago(30));
  started(
    failed,
    ago(30),
    assumedRoleIdentity("fargate-access-dev-sfn-operator", "ci", { sourceIdentity: "bob" }),
  );
  const never = await pastExecution(sfn, STACK.stateMachineArn, ["never"], ago(50));
  started(never, ago(50), {
    type: "IAMUser",
    arn: "arn:aws:iam::123456789012:user/carol",
    userName: "carol",
    principalId: "AIDAEXAMPLE",
  });
  // No StartExecution event for this one (recorded elsewhere, or not delivered yet).
  const retry = await pastExecution(
    sfn,
    STACK.stateMachineArn,
    ["php", "artisan", "queue:retry", "all"],
    ago(70),
  );
  // Before the window: not shown, and the listing stops there.
  const old = await pastExecution(
    sfn,
    STACK.stateMachineArn,
    ["php", "artisan", "batch:old"],
    ago(24 * 8),
  );
  await pastExecution(sfn, STACK.stateMachineArn, ["php", "artisan", "batch:older"], ago(24 * 9));
  await pastExecution(sfn, STACK.stateMachineArn, ["php", "artisan", "batch:oldest"], ago(24 * 10));
  started(
    old,
    ago(24 * 8),
    assumedRoleIdentity("fargate-access-dev-sfn-operator", "x", { sourceIdentity: "mallory" }),
  );
  // Another team's state machine in the same account.
  started(
    `${OTHER_MACHINE.replace(":stateMachine:", ":execution:")}:1`,
    ago(3),
    assumedRoleIdentity("other", "eve"),
    OTHER_MACHINE,
  );

  // More ExecuteCommand events than one LookupEvents page holds (50): most on another cluster.
  for (let i = 0; i < 50; i++) {
    trail.record({
      eventTime: ago(10 + i / 10),
      eventSource: "ecs.amazonaws.com",
      eventName: "ExecuteCommand",
      userIdentity: assumedRoleIdentity("other-team", `dev${i}`),
      requestParameters: {
        cluster: "other-cluster",
        container: "web",
        command: "sh",
        interactive: true,
        task: "abc",
      },
      responseElements: {
        clusterArn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/other-cluster",
      },
    });
  }
  const taskArn = `arn:aws:ecs:ap-northeast-1:123456789012:task/${STACK.cluster}/0123456789abcdef0123456789abcdef`;
  trail.record({
    eventTime: ago(20),
    eventSource: "ecs.amazonaws.com",
    eventName: "ExecuteCommand",
    userIdentity: assumedRoleIdentity("fargate-access-dev-exec-operator", "fargate-access-dave", {
      sourceIdentity: "dave",
    }),
    requestParameters: {
      cluster: STACK.cluster,
      container: "app",
      command: "sh",
      interactive: true,
      task: taskArn,
    },
    responseElements: {
      clusterArn: `arn:aws:ecs:ap-northeast-1:123456789012:cluster/${STACK.cluster}`,
      containerArn: "arn:aws:ecs:ap-northeast-1:123456789012:container/x",
      containerName: "app",
      interactive: true,
      session: {
        sessionId: "ecs-execute-command-0aa1bb2cc3dd4ee5f",
        streamUrl: "wss://ssmmessages…",
        tokenValue: "HIDDEN_DUE_TO_SECURITY_REASONS",
      },
      taskArn,
    },
  });
  trail.record({
    eventTime: ago(40),
    eventSource: "ecs.amazonaws.com",
    eventName: "ExecuteCommand",
    userIdentity: assumedRoleIdentity("intern", "erin"),
    requestParameters: {
      cluster: `arn:aws:ecs:ap-northeast-1:123456789012:cluster/${STACK.cluster}`,
      container: "app",
      command: "cat /etc/passwd",
      interactive: true,
      task: taskArn,
    },
    responseElements: null,
    errorCode: "AccessDenied",
    errorMessage: "User is not authorized to perform: ecs:ExecuteCommand",
  });
  trail.record({
    eventTime: ago(5),
    eventSource: "ssm.amazonaws.com",
    eventName: "StartSession",
    userIdentity: assumedRoleIdentity("fargate-access-dev-sm-operator", "fargate-access-frank", {
      sourceIdentity: "frank",
      mfa: true,
    }),
    requestParameters: { target: "mi-0123456789abcdef0", documentName: "fargate-access-dev-shell" },
    responseElements: {
      sessionId: "fargate-access-frank-0a1b2c3d4e5f6a7b8",
      tokenValue: "Value hidden due to security reasons.",
      streamUrl: "wss://ssmmessages…",
    },
  });
  // A session with another document (not this stack's recording): not counted.
  trail.record({
    eventTime: ago(6),
    eventSource: "ssm.amazonaws.com",
    eventName: "StartSession",
    userIdentity: assumedRoleIdentity("admin", "grace"),
    requestParameters: { target: "i-0abc", documentName: "SSM-SessionManagerRunShell" },
    responseElements: { sessionId: "grace-0123" },
  });
  // Called a minute ago: CloudTrail has not delivered it yet.
  trail.record({
    eventTime: ago(1 / 60),
    deliveryDelayMs: 5 * 60_000,
    eventSource: "ssm.amazonaws.com",
    eventName: "StartSession",
    userIdentity: assumedRoleIdentity("fargate-access-dev-sm-operator", "late", {
      sourceIdentity: "heidi",
    }),
    requestParameters: { target: "mi-0123456789abcdef0", documentName: "fargate-access-dev-shell" },
    responseElements: { sessionId: "late-0" },
  });
  return { sfn, trail, batch, failed, never, retry };
}

async function runAudit(
  services: { states: FakeService; cloudtrail: FakeService },
  argv: string[],
) {
  const aws = await withFakeAws(services);
  const capture = captureIo();
  try {
    const code = await main(
      ["--stack", "dev", "--outputs", outputsFile(stackOutputs()), ...argv],
      capture.io,
    );
    return { code, ...capture, trail: aws.server.trail };
  } finally {
    await aws.stop();
  }
}

describe("npm run audit (real SDK against the local AWS endpoint)", function () {
  this.timeout(20_000);
  useRealSdkSend([SFNClient, CloudTrailClient]);

  it("merges runs and sessions newest first, across pages, riding out throttling", async () => {
    const week = await recordedWeek();
    const states = throttleFirst(
      withListExecutions(week.sfn, [STACK.stateMachineArn, OTHER_MACHINE], { pageSize: 2 }),
      "ListExecutions",
      1,
    );
    const cloudtrail = throttleFirst(week.trail.service, "LookupEvents", 1);
    const result = await runAudit({ states, cloudtrail }, ["--since", "7d"]);
    assert.strictEqual(result.code, 0, result.stderr() + result.stdout());
    const stream = (arn: string) =>
      `${STACK.logGroup} app/app/${week.sfn.executions.get(arn)?.taskArn.split("/").pop()}`;
    const rows = result
      .stdout()
      .split("\n")
      .filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    const cells = rows.map((row) => row.split(/\s{2,}/).slice(1));
    assert.deepStrictEqual(cells, [
      ["Step Functions", "alice", "php artisan batch:x", "SUCCEEDED (exit 0)", stream(week.batch)],
      [
        "Session Manager",
        "frank",
        "shell (mi-0123456789abcdef0)",
        "session started",
        "/fargate-access/dev/session-manager fargate-access-frank-0a1b2c3d4e5f6a7b8",
      ],
      [
        "ECS Exec",
        "dave",
        `sh (task/0123456789abcdef0123456789abcdef/app)`,
        "session started",
        "/fargate-access/dev/ecs-exec ecs-execute-command-0aa1bb2cc3dd4ee5f",
      ],
      ["Step Functions", "bob", "false", "FAILED (exit 3)", stream(week.failed)],
      [
        "ECS Exec",
        "intern/erin",
        "cat /etc/passwd (task/0123456789abcdef0123456789abcdef/app)",
        "refused: AccessDenied",
        "none (refused)",
      ],
      ["Step Functions", "user/carol", "never", "FAILED TaskStopped", stream(week.never)],
      [
        "Step Functions",
        "unknown",
        "php artisan queue:retry all",
        "SUCCEEDED (exit 0)",
        stream(week.retry),
      ],
    ]);
    assert.match(result.stdout(), /1 Step Functions run\(s\) have no StartExecution event/);
    assert.match(result.stdout(), /CloudTrail shows a call about 5 minutes after it happens/);
    const calls = (operation: string) =>
      result.trail.filter((c) => c.operation === operation).length;
    // Two ExecuteCommand pages, one page each of StartExecution and StartSession, one retry.
    assert.strictEqual(calls("LookupEvents"), 5);
    // Seven executions, two a page: the fifth is before the window, so the fourth page is never
    // asked for; plus one retry.
    assert.strictEqual(calls("ListExecutions"), 4);
    assert.strictEqual(calls("DescribeExecution"), 4);
    assert.deepStrictEqual(
      [...new Set(result.trail.map((c) => c.operation))].sort(),
      ["DescribeExecution", "ListExecutions", "LookupEvents"],
      "read-only calls only",
    );
  });

  it("--json gives each record's principal, source identity, exit code and id", async () => {
    const week = await recordedWeek();
    const states = withListExecutions(week.sfn, [STACK.stateMachineArn]);
    const result = await runAudit({ states, cloudtrail: week.trail.service }, [
      "--since",
      "36h",
      "--json",
    ]);
    assert.strictEqual(result.code, 0, result.stderr());
    const report = JSON.parse(result.stdout()) as {
      records: Record<string, unknown>[];
      gaps: unknown[];
    };
    assert.deepStrictEqual(report.gaps, []);
    assert.deepStrictEqual(
      report.records.map((r) => [r.strategy, r.sourceIdentity ?? null, r.exitCode ?? null, r.id]),
      [
        ["stepFunctions", "alice", 0, week.batch],
        ["sessionManager", "frank", null, "fargate-access-frank-0a1b2c3d4e5f6a7b8"],
        ["ecsExec", "dave", null, "ecs-execute-command-0aa1bb2cc3dd4ee5f"],
        ["stepFunctions", "bob", 3, week.failed],
      ],
    );
    assert.strictEqual(
      report.records[0].principal,
      "arn:aws:sts::123456789012:assumed-role/fargate-access-dev-sfn-operator/fargate-access-alice",
    );
  });

  it("names the missing permission and the call, shows what it could read, and exits 1", async () => {
    const week = await recordedWeek();
    const states = denyOperation(
      withListExecutions(week.sfn, [STACK.stateMachineArn]),
      "DescribeExecution",
      "states:DescribeExecution",
    );
    const result = await runAudit({ states, cloudtrail: week.trail.service }, []);
    assert.strictEqual(result.code, 1);
    assert.match(
      result.stdout(),
      /Not shown: Step Functions: needs states:DescribeExecution: AWS refused Step Functions DescribeExecution \(AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role\/auditor\/alice is not authorized to perform: states:DescribeExecution/,
    );
    assert.match(result.stdout(), /ECS Exec +dave/);
    assert.match(result.stdout(), /Session Manager +frank/);
    assert.doesNotMatch(result.stdout() + result.stderr(), /\n\s+at /, "no stack trace");
  });

  it("without cloudtrail:LookupEvents, still lists the runs (who unknown) and says what is missing", async () => {
    const week = await recordedWeek();
    const states = withListExecutions(week.sfn, [STACK.stateMachineArn]);
    const cloudtrail = denyOperation(week.trail.service, "LookupEvents", "cloudtrail:LookupEvents");
    const result = await runAudit({ states, cloudtrail }, ["--since", "36h"]);
    assert.strictEqual(result.code, 1);
    const rows = result
      .stdout()
      .split("\n")
      .filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    assert.deepStrictEqual(
      rows.map((row) => row.split(/\s{2,}/).slice(1, 4)),
      [
        ["Step Functions", "unknown", "php artisan batch:x"],
        ["Step Functions", "unknown", "false"],
      ],
    );
    for (const [title, gap] of [
      ["ECS Exec", "Not shown"],
      ["Session Manager", "Not shown"],
      ["Step Functions", "Incomplete"],
    ]) {
      assert.match(
        result.stdout(),
        new RegExp(
          `${gap}: ${title}: needs cloudtrail:LookupEvents: AWS refused CloudTrail LookupEvents \\(AccessDeniedException`,
        ),
      );
    }
  });
});
