import type { AuditRecord } from "./auditSource";
import type { TrailEvent } from "./cloudTrail";

/**
 * The record of a session a CloudTrail event opened (ECS Exec's ExecuteCommand, Session Manager's
 * StartSession): who from the event's caller; a refused call (the record's `errorCode`,
 * "CloudTrail record contents") is listed as refused, since an attempt is part of the record.
 */
export function sessionRecord(
  event: TrailEvent,
  fields: Pick<AuditRecord, "strategy" | "what" | "target" | "transcript" | "id">,
): AuditRecord {
  return {
    time: event.time,
    ...fields,
    who: event.caller.label,
    ...(event.caller.arn ? { principal: event.caller.arn } : {}),
    ...(event.caller.sourceIdentity ? { sourceIdentity: event.caller.sourceIdentity } : {}),
    result: event.errorCode ? `refused: ${event.errorCode}` : "session started",
    ...(event.errorCode ? { transcript: "none (refused)" } : {}),
  };
}
