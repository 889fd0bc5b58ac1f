import * as assert from "assert";
import { Progress } from "../../operator/progress";
import { reportFailure } from "../../operator/reportFailure";
import { captureIo } from "../helpers/operatorHarness";

describe("progress and failures on the terminal", () => {
  it("redraws one line in place on a terminal and clears it before other output", () => {
    const capture = captureIo({ isTTY: true });
    const progress = new Progress(capture.io, 0, true);
    progress.update("RUNNING task t", 5_000);
    progress.update("RUNNING task t", 6_000);
    progress.clear();
    progress.clear();
    assert.strictEqual(
      capture.stderr(),
      "\r\x1b[2KRUNNING task t · 0:05\r\x1b[2KRUNNING task t · 0:06\r\x1b[2K",
    );
  });

  it("prints only state changes when not on a terminal, and nothing in JSON mode", () => {
    const capture = captureIo({ isTTY: false });
    const progress = new Progress(capture.io, 0, true);
    for (const [state, at] of [
      ["A", 1000],
      ["A", 2000],
      ["B", 3000],
    ] as const)
      progress.update(state, at);
    assert.strictEqual(capture.stderr(), "A · 0:01\nB · 0:03\n");
    const quiet = captureIo({ isTTY: true });
    new Progress(quiet.io, 0, false).update("A", 1000);
    assert.strictEqual(quiet.stderr(), "");
  });

  it("reports a missing-credentials error with a fix and no stack trace", () => {
    const capture = captureIo();
    const error = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    assert.strictEqual(reportFailure(error, capture.io), 1);
    assert.match(
      capture.stderr(),
      /No AWS credentials: Could not load credentials[\s\S]*fix: .*AWS_PROFILE/,
    );
    assert.doesNotMatch(capture.stderr(), /\n\s+at /);
  });
});
