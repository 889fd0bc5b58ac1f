import type { AuditSource } from "../../operator/auditSource";
import { sessionRecord } from "../../operator/sessionRecord";
import { sessionDocumentName, stackTagValue } from "../../lib/activationTags";
import { PROJECT_NAME } from "../../lib/projectName";
import { sessionLogGroupName } from "./logGroupName";

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Session Manager sessions: CloudTrail `StartSession` events from ssm.amazonaws.com with the
 * stack's Session document, the only one its operator role may start sessions with (StartSession
 * request: target, documentName; response: sessionId; Systems Manager API reference). The
 * document streams the transcript to the stack's log group, in a stream named after the session
 * id (amazon-ssm-agent agent/session/shell/shell.go, `CwlStream = config.SessionId`).
 */
export const sessionManagerAudit: AuditSource = {
  permissions: [{ action: "cloudtrail:LookupEvents", call: "CloudTrail LookupEvents" }],
  async collect(context) {
    const document = sessionDocumentName(stackTagValue(PROJECT_NAME, context.stack));
    const logGroup = sessionLogGroupName(PROJECT_NAME, context.stack);
    const events = await context.cloudTrail.lookup(
      { eventName: "StartSession", eventSource: "ssm.amazonaws.com" },
      context.since,
      context.until,
    );
    const records = events
      .filter((event) => event.requestParameters.documentName === document)
      .map((event) => {
        const sessionId = str(event.responseElements.sessionId);
        const target = str(event.requestParameters.target) ?? "?";
        return sessionRecord(event, {
          strategy: "sessionManager",
          what: `shell (${target})`,
          target,
          transcript: sessionId ? `${logGroup} ${sessionId}` : "none (no session)",
          id: sessionId ?? event.eventId,
        });
      });
    return {
      records,
      notes: [
        `Session Manager: sessions with the stack's document ${document} only (the operator role allows no other).`,
      ],
    };
  },
};
