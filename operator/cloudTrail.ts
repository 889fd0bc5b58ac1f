import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { AwsSession, clientConfig } from "./session";
import { withPermission } from "./auditPermission";

/** Who made a call, as CloudTrail's `userIdentity` element says ("CloudTrail userIdentity element"). */
export interface CallerIdentity {
  /** `userIdentity.type`: IAMUser, AssumedRole, IdentityCenterUser, Root, AWSService, … */
  type: string;
  /** The caller's ARN, when the record has one. */
  arn?: string;
  /**
   * `userIdentity.sessionContext.sourceIdentity`: the person an operator role's session names,
   * set with `sts:SetSourceIdentity` and kept through role chaining (IAM User Guide, "Monitor
   * and control actions taken with assumed roles").
   */
  sourceIdentity?: string;
  /** `sessionContext.attributes.mfaAuthenticated` is "true". */
  mfa: boolean;
  /** A short name for a table: the source identity, else the user, role session or service. */
  label: string;
}

/** One CloudTrail event, its `CloudTrailEvent` JSON read. */
export interface TrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  time: Date;
  caller: CallerIdentity;
  requestParameters: Record<string, unknown>;
  responseElements: Record<string, unknown>;
  /** Set when the call failed, e.g. `AccessDenied` for a refused ExecuteCommand. */
  errorCode?: string;
  errorMessage?: string;
}

/** What a strategy asks CloudTrail for: one event name from one service. */
export interface TrailQuery {
  /** The API operation, e.g. `ExecuteCommand`. */
  eventName: string;
  /** The service's host name CloudTrail records, e.g. `ecs.amazonaws.com`. */
  eventSource: string;
}

/** Reads CloudTrail event history for a window; shared by every strategy of one audit. */
export interface CloudTrailReader {
  lookup(query: TrailQuery, since: Date, until: Date): Promise<TrailEvent[]>;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The caller of a record's `userIdentity` ("CloudTrail userIdentity element", CloudTrail User
 * Guide): an assumed role's ARN is `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`; an IAM
 * Identity Center user acting directly has `onBehalfOf.userId`; a service has `invokedBy`.
 */
export function callerIdentity(userIdentity: unknown): CallerIdentity {
  const identity = object(userIdentity);
  const context = object(identity.sessionContext);
  const type = text(identity.type) ?? "Unknown";
  const arn = text(identity.arn);
  const sourceIdentity = text(context.sourceIdentity);
  const mfa = object(context.attributes).mfaAuthenticated === "true";
  const assumed = arn ? /:assumed-role\/(.+)$/.exec(arn)?.[1] : undefined;
  const fallback =
    (type === "IAMUser" && text(identity.userName) && `user/${String(identity.userName)}`) ||
    assumed ||
    text(object(identity.onBehalfOf).userId) ||
    text(identity.invokedBy) ||
    (type === "Root" ? "root" : undefined) ||
    arn ||
    text(identity.principalId) ||
    type;
  return {
    type,
    ...(arn ? { arn } : {}),
    ...(sourceIdentity ? { sourceIdentity } : {}),
    mfa,
    label: sourceIdentity ?? fallback,
  };
}

/** A LookupEvents `Events[]` entry as a {@link TrailEvent}; undefined when its JSON is unreadable. */
export function trailEvent(entry: {
  EventId?: string;
  EventName?: string;
  EventSource?: string;
  EventTime?: Date;
  CloudTrailEvent?: string;
}): TrailEvent | undefined {
  let record: Json;
  try {
    record = object(JSON.parse(entry.CloudTrailEvent ?? ""));
  } catch {
    return undefined;
  }
  const time = entry.EventTime ?? new Date(String(record.eventTime));
  if (Number.isNaN(time.getTime())) return undefined;
  return {
    eventId: entry.EventId ?? String(record.eventID ?? ""),
    eventName: entry.EventName ?? String(record.eventName ?? ""),
    eventSource: entry.EventSource ?? String(record.eventSource ?? ""),
    time,
    caller: callerIdentity(record.userIdentity),
    requestParameters: object(record.requestParameters),
    responseElements: object(record.responseElements),
    ...(text(record.errorCode) ? { errorCode: String(record.errorCode) } : {}),
    ...(text(record.errorMessage) ? { errorMessage: String(record.errorMessage) } : {}),
  };
}

/**
 * LookupEvents "rate of lookup requests is limited to two per second, per account, per Region"
 * (LookupEvents API reference): calls are spaced this far apart; a ThrottlingException that
 * still comes (another tool in the account) is retried by the SDK.
 */
export const LOOKUP_INTERVAL_MS = 500;

/** LookupEvents pages hold at most 50 events (MaxResults "1 through 50"). */
const PAGE_SIZE = 50;

/**
 * A reader over CloudTrail event history. LookupEvents takes at most one lookup attribute per
 * call (`LookupAttributes`: "Currently the list can contain only one item"), so each query asks
 * for its event name and keeps the events of its service; every page is read, with the same
 * parameters and the returned NextToken, as the API requires.
 */
export function cloudTrailReader(
  session: AwsSession,
  intervalMs = LOOKUP_INTERVAL_MS,
): CloudTrailReader {
  const client = new CloudTrailClient(clientConfig(session));
  // Counted from the end of a call (its retries included), so two calls never fall in one second.
  let nextCallAt = 0;
  const paced = async <T>(call: () => Promise<T>): Promise<T> => {
    const wait = nextCallAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await call();
    } finally {
      nextCallAt = Date.now() + intervalMs;
    }
  };
  return {
    async lookup(query, since, until) {
      const events: TrailEvent[] = [];
      let token: string | undefined;
      do {
        const page = await withPermission(
          { action: "cloudtrail:LookupEvents", call: "CloudTrail LookupEvents" },
          () =>
            paced(() =>
              client.send(
                new LookupEventsCommand({
                  LookupAttributes: [
                    { AttributeKey: "EventName", AttributeValue: query.eventName },
                  ],
                  StartTime: since,
                  EndTime: until,
                  MaxResults: PAGE_SIZE,
                  NextToken: token,
                }),
              ),
            ),
        );
        for (const entry of page.Events ?? []) {
          const event = trailEvent(entry);
          if (event && event.eventSource === query.eventSource) events.push(event);
        }
        token = page.NextToken;
      } while (token);
      return events;
    },
  };
}
