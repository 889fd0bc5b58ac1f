import * as assert from "assert";
import { assumedRoleIdentity, createFakeCloudTrail } from "./cloudtrail";
import { FakeAwsError } from "./fakeService";
import { createFakeLogs } from "./logs";
import { createFakeSfn } from "./sfn";
import { STACK_DEFINITION } from "../helpers/operatorHarness";
import { pastExecution, withListExecutions } from "./sfnExecutions";

/** The error code an operation answers with, or "" when it succeeds. */
function code(run: () => unknown): string {
  try {
    run();
    return "";
  } catch (error) {
    assert.ok(error instanceof FakeAwsError, String(error));
    return error.code;
  }
}

describe("fake CloudTrail LookupEvents refuses what the API refuses", () => {
  let clock = 0;
  const trail = createFakeCloudTrail({ now: () => (clock += 1000) });
  for (let i = 0; i < 3; i++) {
    trail.record({
      eventTime: new Date(i * 10),
      eventSource: "ecs.amazonaws.com",
      eventName: "ExecuteCommand",
      userIdentity: assumedRoleIdentity("r", `s${i}`),
    });
  }
  const lookup = (input: Record<string, unknown>) => trail.service.LookupEvents(input);
  const one = [{ AttributeKey: "EventName", AttributeValue: "ExecuteCommand" }];

  it("takes one lookup attribute of a known key", () => {
    assert.strictEqual(
      code(() => lookup({ LookupAttributes: [...one, ...one] })),
      "InvalidLookupAttributesException",
    );
    assert.strictEqual(
      code(() => lookup({ LookupAttributes: [{ AttributeKey: "Cluster", AttributeValue: "x" }] })),
      "InvalidLookupAttributesException",
    );
    assert.strictEqual(
      code(() => lookup({ LookupAttributes: one })),
      "",
    );
  });

  it("takes MaxResults 1 through 50 and a start before the end", () => {
    assert.strictEqual(
      code(() => lookup({ MaxResults: 51 })),
      "InvalidMaxResultsException",
    );
    assert.strictEqual(
      code(() => lookup({ MaxResults: 0 })),
      "InvalidMaxResultsException",
    );
    assert.strictEqual(
      code(() => lookup({ StartTime: 2, EndTime: 1 })),
      "InvalidTimeRangeException",
    );
  });

  it("pages newest first and refuses a token sent with other parameters", () => {
    const first = lookup({ LookupAttributes: one, MaxResults: 2 }) as {
      Events: { CloudTrailEvent: string }[];
      NextToken: string;
    };
    assert.deepStrictEqual(
      first.Events.map((e) => JSON.parse(e.CloudTrailEvent).userIdentity.arn.split("/").pop()),
      ["s2", "s1"],
    );
    assert.strictEqual(
      code(() => lookup({ MaxResults: 2, NextToken: first.NextToken })),
      "InvalidNextTokenException",
    );
    const second = lookup({ LookupAttributes: one, MaxResults: 2, NextToken: first.NextToken }) as {
      Events: unknown[];
      NextToken?: string;
    };
    assert.deepStrictEqual([second.Events.length, second.NextToken], [1, undefined]);
  });

  it("answers two calls a second, then ThrottlingException", () => {
    const still = createFakeCloudTrail({ now: () => 5000 });
    assert.deepStrictEqual(
      [0, 1, 2].map(() => code(() => still.service.LookupEvents({}))),
      ["", "", "ThrottlingException"],
    );
  });

  it("shows an event only once it is delivered, and 90 days at most", () => {
    let now = 0;
    const late = createFakeCloudTrail({ now: () => now });
    late.record({
      eventTime: new Date(0),
      deliveryDelayMs: 300_000,
      eventSource: "s",
      eventName: "n",
      userIdentity: {},
    });
    const count = () =>
      (late.service.LookupEvents({ StartTime: 0 }) as { Events: unknown[] }).Events.length;
    now = 60_000;
    assert.strictEqual(count(), 0);
    now = 300_000;
    assert.strictEqual(count(), 1);
    now = 91 * 86_400_000;
    assert.strictEqual(count(), 0);
  });
});

describe("fake Step Functions ListExecutions refuses what the API refuses", () => {
  const arn = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:m";
  const sfn = createFakeSfn({
    stateMachineArn: arn,
    definition: STACK_DEFINITION,
    logs: createFakeLogs(10),
    logGroupName: "g",
    containerName: "app",
    runFor: () => ({ logLines: [], exitCode: 0 }),
  });
  let first = "";
  let second = "";
  before(async () => {
    first = await pastExecution(sfn, arn, ["a"], new Date(1000));
    second = await pastExecution(sfn, arn, ["b"], new Date(2000));
  });
  const list = withListExecutions(sfn, [arn], { pageSize: 1 }).ListExecutions;

  it("takes a known state machine ARN and maxResults up to 1000", () => {
    assert.strictEqual(
      code(() => list({})),
      "ValidationException",
    );
    assert.strictEqual(
      code(() => list({ stateMachineArn: "m" })),
      "InvalidArn",
    );
    assert.strictEqual(
      code(() => list({ stateMachineArn: `${arn}x` })),
      "StateMachineDoesNotExist",
    );
    assert.strictEqual(
      code(() => list({ stateMachineArn: arn, maxResults: 1001 })),
      "ValidationException",
    );
  });

  it("lists the most recent first, page by page, and refuses a foreign token", () => {
    const page = list({ stateMachineArn: arn }) as {
      executions: { executionArn: string }[];
      nextToken: string;
    };
    assert.deepStrictEqual(
      page.executions.map((e) => e.executionArn),
      [second],
    );
    assert.strictEqual(
      code(() => list({ stateMachineArn: arn, statusFilter: "FAILED", nextToken: page.nextToken })),
      "InvalidToken",
    );
    const next = list({ stateMachineArn: arn, nextToken: page.nextToken }) as {
      executions: { executionArn: string }[];
      nextToken?: string;
    };
    assert.deepStrictEqual(
      [next.executions.map((e) => e.executionArn), next.nextToken],
      [[first], undefined],
    );
  });
});
