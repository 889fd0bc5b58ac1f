import { STRATEGIES } from "../strategies/registry";
import { STRATEGY_NAMES, StrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import { PermissionDenied } from "./auditPermission";
import type { AuditContext, AuditReport, AuditSource } from "./auditSource";

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
