import { UsageError } from "../offline/stackFiles";

/** Milliseconds in one unit of a relative `--since` (`30m`, `12h`, `7d`). */
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * CloudTrail event history holds the last 90 days of management events (LookupEvents API
 * reference: "You can look up events that occurred in a Region within the last 90 days"), and
 * Step Functions keeps a closed execution's history for 90 days (Step Functions quotas,
 * "Execution history retention"). Further back, nothing answers.
 */
export const HISTORY_DAYS = 90;

/** What `--since` accepts, for help texts and errors. */
export const SINCE_FORMS =
  "a number of minutes, hours or days (30m, 12h, 7d) or an ISO 8601 date (2026-12-01 or 2026-12-01T09:00:00Z)";

/**
 * The start of the audited window from `--since`: relative to `now`, or an ISO 8601 date (a
 * date alone is midnight UTC). Refuses anything else, a start in the future and one before the
 * {@link HISTORY_DAYS} that AWS keeps, naming the flag, the value and what is allowed.
 */
export function parseSince(value: string, now: Date): Date {
  const relative = /^(\d+)([mhd])$/.exec(value);
  let start: Date;
  if (relative) {
    const amount = Number(relative[1]);
    if (amount === 0) {
      throw new UsageError(`--since ${value}: the window is empty; use ${SINCE_FORMS}.`);
    }
    start = new Date(now.getTime() - amount * UNIT_MS[relative[2]]);
  } else if (
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
  ) {
    // A date and time without an offset is read as UTC, like a date alone, not as local time.
    const text = /[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
    start = new Date(text.replace(" ", "T"));
    if (Number.isNaN(start.getTime())) {
      throw new UsageError(`--since ${value}: not a calendar date; use ${SINCE_FORMS}.`);
    }
  } else {
    throw new UsageError(`--since ${JSON.stringify(value)}: not understood; use ${SINCE_FORMS}.`);
  }
  if (start.getTime() > now.getTime()) {
    throw new UsageError(
      `--since ${value}: ${start.toISOString()} is in the future; give a time before now (${now.toISOString()}).`,
    );
  }
  const oldest = now.getTime() - HISTORY_DAYS * UNIT_MS.d;
  if (start.getTime() < oldest) {
    throw new UsageError(
      `--since ${value}: ${start.toISOString()} is more than ${HISTORY_DAYS} days ago; CloudTrail event history and Step Functions keep ${HISTORY_DAYS} days, so use at most ${HISTORY_DAYS}d (for older records, query a CloudTrail trail's S3 files or CloudTrail Lake).`,
    );
  }
  return start;
}
