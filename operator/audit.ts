import type { StackConfig } from "../config/types";
import type { StackOutputs } from "../lib/stackOutputs";
import { STRATEGIES, STRATEGY_NAMES, StrategyName } from "../strategies/registry";
import type { StrategyModule } from "../strategies/strategyModule";
import { AuditPermission, PermissionDenied } from "./auditPermission";
import type { CloudTrailReader } from "./cloudTrail";
import type { AwsSession } from "./session";

/** One thing a person ran on the stack, in any strategy. */
export interface AuditRecord {
  /** When it started. */
  time: Date;
  strategy: StrategyName;
  /** The source identity when the session carries one, else the principal's short name. */
  who: string;
  /** The caller's ARN (an assumed role's session ARN), when known. */
  principal?: string;
  sourceIdentity?: string;
  /** The command, as a shell would read it; an interactive session says so. */
  what: string;
  /** Where it ran, when that is not the stack's state machine: `task/ID/container`, `mi-…`. */
  target?: string;
  /** How it ended or stands: `SUCCEEDED (exit 0)`, `FAILED (exit 3)`, `refused: AccessDenied`. */
  result: string;
  /** The container's exit code, when one is known. */
  exitCode?: number | null;
  /** Where the output was recorded (log group and stream), or why there is none. */
  transcript: string;
  /** The execution ARN or session id: what to look it up by. */
  id: string;
}

/** What a strategy's audit reads with. */
export interface AuditContext {
  stack: string;
  outputs: StackOutputs;
  config: StackConfig;
  session: AwsSession;
  since: Date;
  until: Date;
  cloudTrail: CloudTrailReader;
}

/** What a strategy contributes to `npm run audit`. */
export interface AuditSource {
  /** Every permission `collect` may need (the README lists them; a test checks them against IAM). */
  permissions: AuditPermission[];
  /**
   * Its records in the window; what it cannot say goes in `notes`. A refused call it can do
   * without (its records are shown, less complete) is returned in `denied`; one it cannot is
   * thrown.
   */
  collect(
    context: AuditContext,
  ): Promise<{ records: AuditRecord[]; notes: string[]; denied?: PermissionDenied[] }>;
}

/** The merged answer. */
export interface AuditReport {
  stack: string;
  since: Date;
  until: Date;
  /** Newest first. */
  records: AuditRecord[];
  /** Limits of what is shown (CloudTrail delay, an execution without its CloudTrail event). */
  notes: string[];
  /** Strategies whose records could not be read, with why (a missing permission names it). */
  gaps: {
    strategy: StrategyName;
    reason: string;
    /** Its records are shown, less complete (e.g. who started a run is unknown). */
    partial?: boolean;
  }[];
}

/** The strategies that answer `npm run audit`, in the registry's order. */
export const AUDIT_STRATEGIES: readonly StrategyName[] = STRATEGY_NAMES.filter(
  (name) => (STRATEGIES[name] as StrategyModule).audit !== undefined,
);

/** A strategy's audit source (loaded on first use: it brings its AWS SDK clients). */
export async function auditSourceOf(strategy: StrategyName): Promise<AuditSource | undefined> {
  return (STRATEGIES[strategy] as StrategyModule).audit?.();
}

/**
 * "CloudTrail typically delivers logs within an average of about 5 minutes of an API call"
 * (AWS CloudTrail FAQs; event history shows an event within about that time, CloudTrail User
 * Guide, "Working with CloudTrail event history").
 */
export const CLOUDTRAIL_DELAY_MINUTES = 5;

/**
 * Asks every audited strategy the stack selects, one after another (they share CloudTrail's
 * two calls a second), and merges their records newest first. A refused permission leaves a
 * gap naming it; the other strategies are still shown.
 */
export async function collectAudit(
  context: AuditContext,
  load: (strategy: StrategyName) => Promise<AuditSource | undefined> = auditSourceOf,
): Promise<AuditReport> {
  const report: AuditReport = {
    stack: context.stack,
    since: context.since,
    until: context.until,
    records: [],
    notes: [
      `CloudTrail shows a call about ${CLOUDTRAIL_DELAY_MINUTES} minutes after it happens: what was started since ${shortTime(new Date(context.until.getTime() - CLOUDTRAIL_DELAY_MINUTES * 60_000))} may be missing or lack its caller.`,
    ],
    gaps: [],
  };
  for (const strategy of AUDIT_STRATEGIES) {
    if (!context.outputs.strategies.includes(strategy)) continue;
    const source = await load(strategy);
    if (!source) continue;
    try {
      const { records, notes, denied = [] } = await source.collect(context);
      report.records.push(...records);
      report.notes.push(...notes);
      report.gaps.push(
        ...denied.map((error) => ({ strategy, reason: error.message, partial: true })),
      );
    } catch (error) {
      if (!(error instanceof PermissionDenied)) throw error;
      report.gaps.push({ strategy, reason: error.message });
    }
  }
  report.records.sort((a, b) => b.time.getTime() - a.time.getTime() || a.id.localeCompare(b.id));
  return report;
}

/** `2026-12-06 12:57:54Z`: whole seconds, UTC. */
function shortTime(time: Date): string {
  return time
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
}

const COLUMNS = ["TIME", "STRATEGY", "WHO", "WHAT", "RESULT", "TRANSCRIPT"] as const;

/** The report for a person: one row per record, then the gaps and notes. */
export function renderAuditTable(report: AuditReport): string {
  const rows = report.records.map((r) => [
    shortTime(r.time),
    STRATEGIES[r.strategy].title,
    r.who,
    r.what,
    r.result,
    r.transcript,
  ]);
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const window = `Stack ${report.stack}, ${shortTime(report.since)} to ${shortTime(report.until)}: ${report.records.length === 1 ? "1 record" : `${report.records.length} records`}.`;
  return [
    window,
    ...(rows.length > 0 ? ["", line(COLUMNS), ...rows.map(line)] : []),
    ...report.gaps.map(
      (gap) =>
        `\n${gap.partial ? "Incomplete" : "Not shown"}: ${STRATEGIES[gap.strategy].title}: ${gap.reason}`,
    ),
    "",
    ...report.notes.map((note) => `Note: ${note}`),
  ].join("\n");
}

/** The report as JSON: times ISO 8601, records newest first. */
export function auditJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2);
}
