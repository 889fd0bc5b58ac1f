import { randomUUID } from "crypto";
import { FakeAwsError, FakeService } from "./fakeService";
import { pageOf } from "./pages";

/** A CloudTrail record as the "CloudTrail record contents" page of the User Guide lists its fields. */
export interface TrailRecord {
  eventTime: Date;
  /** The service host, e.g. `ecs.amazonaws.com`. */
  eventSource: string;
  eventName: string;
  /** The "userIdentity element": type, arn, sessionContext (sourceIdentity, attributes.mfaAuthenticated), … */
  userIdentity: Record<string, unknown>;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  /** Milliseconds after `eventTime` before event history shows it (default 0). */
  deliveryDelayMs?: number;
}

export interface FakeCloudTrailOptions {
  /** The clock the service reads (history window, delivery, the request rate). */
  now?: () => number;
  /** Requests a second the account may make (LookupEvents: 2). */
  requestsPerSecond?: number;
}

export interface FakeCloudTrail {
  service: FakeService;
  /** Records an API call; it shows in event history once delivered. */
  record(record: TrailRecord): void;
  /** Every LookupEvents request that was answered (not throttled): what AWS would bill as calls. */
  answered: number;
}

const ATTRIBUTE_KEYS = [
  "AccessKeyId",
  "EventId",
  "EventName",
  "EventSource",
  "ReadOnly",
  "ResourceName",
  "ResourceType",
  "Username",
];
const DAY_MS = 86_400_000;

/** JSON timestamps arrive as epoch seconds (Smithy AWS JSON 1.1, `epoch-seconds`). */
function time(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "number" ? value * 1000 : new Date(String(value)).getTime();
}

/**
 * CloudTrail event history behind LookupEvents, with the API's rules (LookupEvents API
 * reference and the `@aws-sdk/client-cloudtrail` model):
 * - `LookupAttributes` "can contain only one item", with an `AttributeKey` of the
 *   LookupAttributeKey enum → else InvalidLookupAttributesException.
 * - `MaxResults` "1 through 50", default 50 → else InvalidMaxResultsException.
 * - `StartTime` after `EndTime` → InvalidTimeRangeException.
 * - `NextToken` "must be passed in with the same parameters that were specified in the original
 *   call" → else InvalidNextTokenException.
 * - `EventCategory`, when given, is `insight` → else InvalidEventCategoryException.
 * - Management events of "the last 90 days" only; each shows after its delivery delay
 *   (CloudTrail delivers "within an average of about 5 minutes", CloudTrail FAQs).
 * - "two per second, per account, per Region"; more → ThrottlingException ("Rate exceeded").
 * - `Events[].CloudTrailEvent` is "a JSON string that contains a representation of the event";
 *   events come newest first, as event history lists them.
 */
export function createFakeCloudTrail(options: FakeCloudTrailOptions = {}): FakeCloudTrail {
  const now = options.now ?? (() => Date.now());
  const perSecond = options.requestsPerSecond ?? 2;
  const records: (TrailRecord & { eventID: string })[] = [];
  const recent: number[] = [];
  const fake: FakeCloudTrail = {
    answered: 0,
    record: (record) => void records.push({ ...record, eventID: randomUUID() }),
    service: {
      LookupEvents: (input) => {
        const at = now();
        while (recent.length > 0 && recent[0] <= at - 1000) recent.shift();
        if (recent.length >= perSecond) {
          throw new FakeAwsError("ThrottlingException", "Rate exceeded");
        }
        recent.push(at);
        fake.answered++;
        const attributes = (input.LookupAttributes ?? []) as {
          AttributeKey?: string;
          AttributeValue?: string;
        }[];
        if (attributes.length > 1) {
          throw new FakeAwsError(
            "InvalidLookupAttributesException",
            "You cannot specify more than one lookup attribute.",
          );
        }
        const [attribute] = attributes;
        if (
          attribute &&
          (!ATTRIBUTE_KEYS.includes(String(attribute.AttributeKey)) || !attribute.AttributeValue)
        ) {
          throw new FakeAwsError(
            "InvalidLookupAttributesException",
            `Invalid lookup attribute: ${JSON.stringify(attribute)}`,
          );
        }
        const size = input.MaxResults === undefined ? 50 : Number(input.MaxResults);
        if (!Number.isInteger(size) || size < 1 || size > 50) {
          throw new FakeAwsError(
            "InvalidMaxResultsException",
            `MaxResults must be between 1 and 50 (got ${String(input.MaxResults)}).`,
          );
        }
        if (input.EventCategory !== undefined && input.EventCategory !== "insight") {
          throw new FakeAwsError("InvalidEventCategoryException", "Invalid EventCategory.");
        }
        const start = time(input.StartTime) ?? at - 90 * DAY_MS;
        const end = time(input.EndTime) ?? at;
        if (start > end) {
          throw new FakeAwsError(
            "InvalidTimeRangeException",
            "Start time must be before end time.",
          );
        }
        const key = attribute?.AttributeKey;
        const value = attribute?.AttributeValue;
        const matching = records
          .filter((r) => {
            const t = r.eventTime.getTime();
            return (
              t >= Math.max(start, at - 90 * DAY_MS) &&
              t <= end &&
              t + (r.deliveryDelayMs ?? 0) <= at &&
              (key === undefined ||
                (key === "EventName" && r.eventName === value) ||
                (key === "EventSource" && r.eventSource === value) ||
                (key === "EventId" && r.eventID === value))
            );
          })
          .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime());
        const { page, nextToken } = pageOf(
          matching,
          {
            token: input.NextToken as string | undefined,
            // The parameters as sent (an absent end is "now" on every page).
            arguments: [
              attribute ?? null,
              input.StartTime ?? null,
              input.EndTime ?? null,
              input.EventCategory ?? null,
              size,
            ],
            size,
          },
          () =>
            new FakeAwsError(
              "InvalidNextTokenException",
              "Invalid NextToken: it was issued for other parameters.",
            ),
        );
        return {
          Events: page.map((r) => ({
            EventId: r.eventID,
            EventName: r.eventName,
            ReadOnly: "false",
            EventTime: r.eventTime,
            EventSource: r.eventSource,
            Username: r.userIdentity.userName ?? r.userIdentity.principalId,
            CloudTrailEvent: JSON.stringify({
              eventVersion: "1.09",
              userIdentity: r.userIdentity,
              eventTime: r.eventTime.toISOString().replace(/\.\d{3}Z$/, "Z"),
              eventSource: r.eventSource,
              eventName: r.eventName,
              awsRegion: "ap-northeast-1",
              sourceIPAddress: "192.0.2.10",
              userAgent: "aws-cli/2",
              requestParameters: r.requestParameters ?? null,
              responseElements: r.responseElements ?? null,
              ...(r.errorCode ? { errorCode: r.errorCode, errorMessage: r.errorMessage } : {}),
              requestID: randomUUID(),
              eventID: r.eventID,
              readOnly: false,
              eventType: "AwsApiCall",
              managementEvent: true,
              recipientAccountId: "123456789012",
              eventCategory: "Management",
            }),
          })),
          ...(nextToken ? { NextToken: nextToken } : {}),
        };
      },
    },
  };
  return fake;
}

/** `userIdentity` of an assumed-role session ("CloudTrail userIdentity element", examples). */
export function assumedRoleIdentity(
  role: string,
  session: string,
  extra: { sourceIdentity?: string; mfa?: boolean } = {},
): Record<string, unknown> {
  return {
    type: "AssumedRole",
    principalId: `AROAEXAMPLEROLEID:${session}`,
    arn: `arn:aws:sts::123456789012:assumed-role/${role}/${session}`,
    accountId: "123456789012",
    accessKeyId: "ASIAEXAMPLEKEY",
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: "AROAEXAMPLEROLEID",
        arn: `arn:aws:iam::123456789012:role/${role}`,
        accountId: "123456789012",
        userName: role,
      },
      attributes: {
        creationDate: "2026-12-06T09:00:00Z",
        mfaAuthenticated: extra.mfa ? "true" : "false",
      },
      ...(extra.sourceIdentity ? { sourceIdentity: extra.sourceIdentity } : {}),
    },
  };
}
