import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";

/** Pages read per poll at most; the next poll continues from the saved token. */
const MAX_PAGES_PER_POLL = 20;

/**
 * Follows one log stream from its start. GetLogEvents with a `nextForwardToken` needs
 * `startFromHead: true`, and "if you have reached the end of the stream, it returns the same
 * token you passed in" (API_GetLogEvents, CloudWatch Logs API Reference).
 */
export class LogTail {
  private token?: string;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    readonly logGroupName: string,
    readonly logStreamName: string,
  ) {}

  /** The lines written since the last poll; none while the stream does not exist yet. */
  async poll(): Promise<string[]> {
    const lines: string[] = [];
    for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
      let response;
      try {
        response = await this.logs.send(
          new GetLogEventsCommand({
            logGroupName: this.logGroupName,
            logStreamName: this.logStreamName,
            startFromHead: true,
            nextToken: this.token,
          }),
        );
      } catch (error) {
        // The awslogs driver creates the stream when the container starts.
        if ((error as Error).name === "ResourceNotFoundException") return lines;
        throw error;
      }
      for (const event of response.events ?? []) {
        lines.push((event.message ?? "").replace(/\r?\n$/, ""));
      }
      const atEnd =
        response.nextForwardToken === undefined || response.nextForwardToken === this.token;
      this.token = response.nextForwardToken ?? this.token;
      if (atEnd) break;
    }
    return lines;
  }
}
