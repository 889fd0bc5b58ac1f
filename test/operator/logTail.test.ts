import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import * as assert from "assert";
import { mockClient } from "aws-sdk-client-mock";
import { LogTail } from "../../operator/logTail";
import { createFakeLogs } from "../fakes/logs";

describe("LogTail (aws-sdk-client-mock over the fake CloudWatch Logs)", () => {
  const fake = createFakeLogs(2);
  // Installed for this suite only, so end-to-end suites keep the real client.
  let restore = () => {};
  before(() => {
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(GetLogEventsCommand).callsFake((input) => fake.service.GetLogEvents(input));
    restore = () => logs.restore();
  });
  after(() => restore());

  it("waits for the stream, then returns each line once across pages and polls", async () => {
    fake.createGroup("g");
    const tail = new LogTail(
      new CloudWatchLogsClient({ region: "ap-northeast-1" }),
      "g",
      "app/app/t1",
    );
    assert.deepStrictEqual(await tail.poll(), [], "no stream yet");
    fake.write("g", "app/app/t1", ["one\n", "two", "three"]);
    assert.deepStrictEqual(await tail.poll(), ["one", "two", "three"]);
    assert.deepStrictEqual(await tail.poll(), []);
    fake.write("g", "app/app/t1", ["four"]);
    assert.deepStrictEqual(await tail.poll(), ["four"]);
  });
});
