import { FakeAwsError, FakeService } from "./fakeService";
import { pageOf } from "./pages";
import { FakeSfn } from "./sfn";

type Execution = FakeSfn["executions"] extends Map<string, infer E> ? E : never;

export interface ListExecutionsOptions {
  /**
   * Items a page holds at most. ListExecutions' `maxResults` "is only an upper limit. The actual
   * number of results returned per call might be fewer than the specified maximum".
   */
  pageSize?: number;
}

const ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|mapRun):.+$/;

/** The key ListExecutions sorts by: a running execution's start, another's stop. */
function sortKey(execution: Execution): number {
  return (
    execution.status === "RUNNING"
      ? execution.startDate
      : (execution.stopDate ?? execution.startDate)
  ).getTime();
}

/**
 * Adds ListExecutions to a fake Step Functions (test/fakes/sfn.ts), over the same executions.
 * Rules, from the ListExecutions API reference and the `@aws-sdk/client-sfn` model:
 * - `stateMachineArn` or `mapRunArn`, "but not both" → ValidationException; a malformed ARN →
 *   InvalidArn; an unknown state machine → StateMachineDoesNotExist.
 * - `maxResults`: "The default is 100 and the maximum allowed page size is 1000. A value of 0
 *   uses the default" → else ValidationException.
 * - "Results are sorted by time, with the most recent execution first. Running executions are
 *   sorted by their startDate or redriveDate, and other executions are sorted by their stopDate."
 * - `nextToken` must come with the other arguments unchanged → else InvalidToken (HTTP 400).
 * - `statusFilter` keeps executions of that status.
 */
export function withListExecutions(
  fake: FakeSfn,
  knownStateMachines: string[],
  options: ListExecutionsOptions = {},
): FakeService {
  return {
    ...fake.service,
    ListExecutions: (input) => {
      const arn = input.stateMachineArn as string | undefined;
      if ((arn === undefined) === (input.mapRunArn === undefined)) {
        throw new FakeAwsError(
          "ValidationException",
          "Specify either a stateMachineArn or a mapRunArn, but not both.",
        );
      }
      if (arn === undefined || !ARN.test(arn)) {
        throw new FakeAwsError("InvalidArn", `Invalid Arn: '${String(arn ?? input.mapRunArn)}'`);
      }
      if (!knownStateMachines.includes(arn)) {
        throw new FakeAwsError(
          "StateMachineDoesNotExist",
          `State Machine Does Not Exist: '${arn}'`,
        );
      }
      const requested = Number(input.maxResults ?? 0);
      if (!Number.isInteger(requested) || requested < 0 || requested > 1000) {
        throw new FakeAwsError("ValidationException", "maxResults must be between 0 and 1000");
      }
      const size = Math.min(requested || 100, options.pageSize ?? 1000);
      const matching = [...fake.executions.values()]
        .filter((e) => e.stateMachineArn === arn)
        .filter((e) => input.statusFilter === undefined || e.status === input.statusFilter)
        .sort((a, b) => sortKey(b) - sortKey(a));
      const { page, nextToken } = pageOf(
        matching,
        {
          token: input.nextToken as string | undefined,
          arguments: [arn, input.statusFilter ?? null, requested],
          size,
        },
        (token) => new FakeAwsError("InvalidToken", `Invalid Token: '${token}'`),
      );
      return {
        executions: page.map((e) => ({
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.executionArn.split(":").pop(),
          status: e.status,
          startDate: e.startDate,
          ...(e.stopDate ? { stopDate: e.stopDate } : {}),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
  };
}

/**
 * Starts an execution through the fake's own StartExecution and describes it until the real
 * definition, running in the local interpreter, ends it; then dates it `startedAt` (lasting
 * `durationMs`): a run from the past, ended as the fake's state machine ends runs. Returns its ARN.
 */
export async function pastExecution(
  fake: FakeSfn,
  stateMachineArn: string,
  commands: string[],
  startedAt: Date,
  durationMs = 60_000,
): Promise<string> {
  const { executionArn } = fake.service.StartExecution({
    stateMachineArn,
    input: JSON.stringify({ commands }),
  }) as { executionArn: string };
  const execution = fake.executions.get(executionArn);
  if (!execution) throw new Error(`the fake lost ${executionArn}`);
  for (let i = 0; i < 1000 && execution.status === "RUNNING"; i++) {
    fake.service.DescribeExecution({ executionArn });
    // Let the interpreter take its next step (the ECS task settles on a describe).
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (execution.status === "RUNNING") {
    throw new Error(`${executionArn} still RUNNING after 1000 describes`);
  }
  execution.startDate = startedAt;
  execution.stopDate = new Date(startedAt.getTime() + durationMs);
  return executionArn;
}
