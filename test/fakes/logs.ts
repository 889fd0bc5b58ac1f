import { FakeAwsError, FakeService } from "./fakeService";

interface Stream {
  events: { timestamp: number; message: string; ingestionTime: number }[];
}

export interface FakeLogs {
  service: FakeService;
  /** What a container's awslogs driver does: creates the stream on first write, appends lines. */
  write(group: string, stream: string, messages: string[]): void;
  createGroup(group: string): void;
}

/**
 * CloudWatch Logs GetLogEvents (API_GetLogEvents, CloudWatch Logs API Reference; the same text
 * in client-cloudwatch-logs/dist-types/models/models_0.d.ts, GetLogEventsRequest/Response):
 * - an unknown group or stream is ResourceNotFoundException;
 * - a page holds at most `limit` events (AWS: up to 1 MB / 10,000; here `pageSize` so tests
 *   cross page boundaries);
 * - paging forward with a previous `nextForwardToken` requires `startFromHead: true`;
 * - "If you have reached the end of the stream, it returns the same token you passed in."
 */
export function createFakeLogs(pageSize = 10_000): FakeLogs {
  const groups = new Map<string, Map<string, Stream>>();
  const streamOf = (input: Record<string, unknown>) => {
    const group = groups.get(String(input.logGroupName));
    if (!group) {
      throw new FakeAwsError(
        "ResourceNotFoundException",
        "The specified log group does not exist.",
      );
    }
    const stream = group.get(String(input.logStreamName));
    if (!stream) {
      throw new FakeAwsError(
        "ResourceNotFoundException",
        "The specified log stream does not exist.",
      );
    }
    return stream;
  };
  const service: FakeService = {
    GetLogEvents: (input) => {
      const stream = streamOf(input);
      const token = input.nextToken as string | undefined;
      if (token !== undefined && input.startFromHead !== true) {
        throw new FakeAwsError(
          "InvalidParameterException",
          "startFromHead must be true when paging forward with nextForwardToken",
        );
      }
      const start = token === undefined ? 0 : Number(/^f\/(\d+)$/.exec(token)?.[1] ?? NaN);
      if (Number.isNaN(start)) {
        throw new FakeAwsError("InvalidParameterException", "The specified nextToken is invalid.");
      }
      const limit = Math.min(Number(input.limit ?? pageSize), pageSize);
      const events = stream.events.slice(start, start + limit);
      const next = `f/${start + events.length}`;
      return {
        events,
        nextForwardToken: events.length === 0 && token !== undefined ? token : next,
        nextBackwardToken: `b/${start}`,
      };
    },
  };
  return {
    service,
    createGroup: (group) => void (groups.has(group) || groups.set(group, new Map())),
    write(group, stream, messages) {
      const streams = groups.get(group);
      if (!streams) throw new Error(`fake logs: no group ${group}`);
      const target = streams.get(stream) ?? { events: [] };
      streams.set(stream, target);
      const now = Date.now();
      target.events.push(
        ...messages.map((message) => ({ timestamp: now, message, ingestionTime: now })),
      );
    },
  };
}
