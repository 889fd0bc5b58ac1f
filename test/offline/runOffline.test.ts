import * as assert from "assert";
import { runOffline } from "../../offline/runOffline";

// The runtime's own module (not in its typings): it stamps each promise it is given.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise(promise: Promise<unknown>, context: string): Promise<unknown>;
};

describe("runOffline", () => {
  it("makes Pulumi's promises without a stack trace during a run, then puts everything back", async () => {
    const original = debuggable.debuggablePromise;
    const limit = Error.stackTraceLimit;
    let traced: unknown;
    await runOffline(
      () => {
        const probe = Promise.resolve();
        void debuggable.debuggablePromise(probe, "probe");
        traced = (probe as unknown as { _debugStackTrace: unknown })._debugStackTrace;
        return {};
      },
      { stack: "test", config: {} },
    );
    assert.strictEqual(traced, "Error", "no frames recorded");
    assert.strictEqual(debuggable.debuggablePromise, original);
    assert.strictEqual(Error.stackTraceLimit, limit);
    const outside = Promise.resolve();
    void debuggable.debuggablePromise(outside, "outside");
    assert.match(
      String((outside as unknown as { _debugStackTrace: unknown })._debugStackTrace),
      /\n\s+at /,
    );
  });
});
