import type { StackConfig } from "../config/stackConfig";
import type { StackOutputs } from "../lib/stackOutputs";
import type { StrategyName } from "../strategies/strategyName";
import type { AuditPermission, PermissionDenied } from "./auditPermission";
import type { CloudTrailReader } from "./cloudTrail";
import type { AwsSession } from "./session";

// What a strategy offers `npm run audit`, and the merged report: types below the registry (see
// shellSupport.ts); audit.ts merges the strategies' records.

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
