import {
  DescribeExecutionCommand,
  ExecutionListItem,
  ListExecutionsCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import type { AuditContext, AuditRecord, AuditSource } from "../../operator/auditSource";
import { AuditPermission, PermissionDenied, withPermission } from "../../operator/auditPermission";
import type { CallerIdentity } from "../../operator/cloudTrail";
import { clientConfig } from "../../operator/session";
import { shellQuote } from "../../lib/shellQuote";
import { containerLogStream, runOutcome } from "./runResult";

const LIST: AuditPermission = {
  action: "states:ListExecutions",
  call: "Step Functions ListExecutions",
};
const DESCRIBE: AuditPermission = {
  action: "states:DescribeExecution",
  call: "Step Functions DescribeExecution",
};
const LOOKUP: AuditPermission = {
  action: "cloudtrail:LookupEvents",
  call: "CloudTrail LookupEvents",
};

/** ListExecutions returns at most 1000 executions a page ("the maximum allowed page size is 1000"). */
const PAGE_SIZE = 1000;

/**
 * The key ListExecutions sorts by, newest first: "Running executions are sorted by their
 * startDate or redriveDate, and other executions are sorted by their stopDate" (ListExecutions
 * API reference). An item whose key is before the window ends the search: every later item's
 * key, and so its start, is earlier still.
 */
function sortKey(item: ExecutionListItem): Date | undefined {
  return item.status === "RUNNING" ? (item.redriveDate ?? item.startDate) : item.stopDate;
}

/** The stack's executions that started in the window, reading pages until they are older. */
async function executionsInWindow(
  client: SFNClient,
  stateMachineArn: string,
  since: Date,
): Promise<ExecutionListItem[]> {
  const found: ExecutionListItem[] = [];
  let token: string | undefined;
  do {
    const page = await withPermission(LIST, () =>
      client.send(
        new ListExecutionsCommand({ stateMachineArn, maxResults: PAGE_SIZE, nextToken: token }),
      ),
    );
    for (const item of page.executions ?? []) {
      const key = sortKey(item);
      if (key && key.getTime() < since.getTime()) return found;
      if (item.startDate && item.startDate.getTime() >= since.getTime()) found.push(item);
    }
    token = page.nextToken;
  } while (token);
  return found;
}

/** The command of an execution's input `{commands, environment?}` (definition.ts), or why not. */
export function commandOfInput(input: string | undefined): string {
  if (input === undefined) return "(input not returned)";
  try {
    const commands = (JSON.parse(input) as { commands?: unknown }).commands;
    if (Array.isArray(commands) && commands.every((word) => typeof word === "string")) {
      return commands.map(shellQuote).join(" ");
    }
  } catch {
    // Not JSON: the state machine refuses it; say what it was.
  }
  return `(input without commands: ${input.slice(0, 80)})`;
}

/** The result column of a run: status, then the exit code or the error the run failed with. */
export function runResultText(outcome: ReturnType<typeof runOutcome>): string {
  if (outcome.status === "RUNNING") return "RUNNING";
  if (outcome.containerExitCode !== null) {
    return `${outcome.status} (exit ${outcome.containerExitCode})`;
  }
  return outcome.error ? `${outcome.status} ${outcome.error}` : outcome.status;
}

/**
 * Step Functions runs: every execution of the stack's state machine that started in the window
 * (ListExecutions, then DescribeExecution for its input and how it ended, read as `npm run task`
 * reads it), and who started it from CloudTrail's StartExecution event of that execution.
 */
export const stepFunctionsAudit: AuditSource = {
  permissions: [LIST, DESCRIBE, LOOKUP],
  async collect(context: AuditContext) {
    const stateMachineArn = context.outputs.stepFunctionsStateMachineArn;
    if (!stateMachineArn) {
      return {
        records: [],
        notes: [
          "the stack has no stepFunctionsStateMachineArn output: Step Functions runs are not shown.",
        ],
      };
    }
    const client = new SFNClient(clientConfig(context.session));
    const items = await executionsInWindow(client, stateMachineArn, context.since);
    // Without CloudTrail the runs are still shown, their starter unknown.
    const denied: PermissionDenied[] = [];
    const starters = await startersOf(context, stateMachineArn).catch((error: unknown) => {
      if (!(error instanceof PermissionDenied)) throw error;
      denied.push(error);
      return new Map<string, CallerIdentity>();
    });
    const { containerName } = context.config.service;
    const logGroup = context.outputs.containerLogGroupName;
    const records: AuditRecord[] = [];
    let unknown = 0;
    for (const item of items) {
      const executionArn = item.executionArn ?? "";
      const execution = await withPermission(DESCRIBE, () =>
        client.send(new DescribeExecutionCommand({ executionArn })),
      );
      const outcome = runOutcome(execution, containerName);
      const caller = starters.get(executionArn);
      if (!caller) unknown++;
      records.push({
        time: item.startDate ?? new Date(0),
        strategy: "stepFunctions",
        who: caller?.label ?? "unknown",
        ...(caller?.arn ? { principal: caller.arn } : {}),
        ...(caller?.sourceIdentity ? { sourceIdentity: caller.sourceIdentity } : {}),
        what: commandOfInput(execution.input),
        result: runResultText(outcome),
        exitCode: outcome.containerExitCode,
        transcript: outcome.taskArn
          ? `${logGroup} ${containerLogStream(containerName, outcome.taskArn)}`
          : "none (no task started)",
        id: executionArn,
      });
    }
    return {
      records,
      denied,
      notes:
        unknown > 0 && denied.length === 0
          ? [
              `${unknown} Step Functions run(s) have no StartExecution event in CloudTrail event history yet (or it was recorded elsewhere): who is "unknown".`,
            ]
          : [],
    };
  },
};

/** Who started each execution: CloudTrail StartExecution events of this state machine. */
async function startersOf(
  context: AuditContext,
  stateMachineArn: string,
): Promise<Map<string, CallerIdentity>> {
  const events = await context.cloudTrail.lookup(
    { eventName: "StartExecution", eventSource: "states.amazonaws.com" },
    context.since,
    context.until,
  );
  const starters = new Map<string, CallerIdentity>();
  for (const event of events) {
    const executionArn = event.responseElements.executionArn;
    if (
      event.requestParameters.stateMachineArn === stateMachineArn &&
      typeof executionArn === "string"
    ) {
      starters.set(executionArn, event.caller);
    }
  }
  return starters;
}
