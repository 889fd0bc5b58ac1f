import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLEANUP_RUNTIME } from "../../strategies/sessionManager/cleanupFunction";
import { main as checkMain } from "../../scripts/check";
import { runScript } from "../helpers/runScript";

/** `check --stack prod` in this process (its own process is check.test.ts's smoke test). */
function checkProd(policyConfig: unknown) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-")), "config.json");
  fs.writeFileSync(file, JSON.stringify(policyConfig));
  return runScript(checkMain, ["--stack", "prod", "--policy-config", file]);
}

/** The prod stack's one Lambda function (Session Manager's cleanup). */
const CLEANUP_FUNCTION = "session-manager-cleanup-function";

/** A policy config under which prod has exactly one finding: its cleanup function's runtime. */
function runtimeRefused(suppressions: { resource: string; reason: string }[]) {
  return {
    "lambda-supported-runtime": { unsupportedRuntimes: [CLEANUP_RUNTIME], suppressions },
  };
}

describe("npm run check: suppressions are listed with their reasons and counted", () => {
  it("moves a suppressed finding under Suppressions and into the summary line", async () => {
    const reason = "Runtime upgrade planned for the next release, tracked in OPS-42";
    const result = await checkProd(runtimeRefused([{ resource: CLEANUP_FUNCTION, reason }]));
    assert.strictEqual(result.status, 0, result.output);
    assert.doesNotMatch(result.output, /\[mandatory\] lambda-supported-runtime/);
    assert.match(result.output, /Suppressions \(1\), each with its reason:/);
    assert.ok(
      result.output.includes(`lambda-supported-runtime suppressed (policy config): "${reason}"`),
      result.output,
    );
    assert.match(result.output, /Summary: 0 mandatory, 0 advisory, 1 suppressed\./);
  });

  it("refuses a suppression whose reason is too short, as the policy config's schema says", async () => {
    const result = await checkProd(runtimeRefused([{ resource: CLEANUP_FUNCTION, reason: "n/a" }]));
    assert.notStrictEqual(result.status, 0, result.output);
    assert.match(
      result.output,
      /lambda-supported-runtime\.suppressions\.0\.reason: "n\/a" must NOT have fewer than 10 characters/,
    );
  });

  it("warns about a suppression that names no resource (stale or mistyped), and one the pack used is not named", async () => {
    const reason = "Runtime upgrade planned for the next release, tracked in OPS-42";
    const result = await checkProd(
      runtimeRefused([
        { resource: CLEANUP_FUNCTION, reason },
        { resource: "session-manager-cleanup-fuction", reason },
      ]),
    );
    assert.strictEqual(result.status, 0, result.output);
    assert.ok(
      result.output.includes(
        'Warning: policy config: lambda-supported-runtime.suppressions[1]: "session-manager-cleanup-fuction" names no resource of this stack, so it suppresses nothing',
      ),
      result.output,
    );
    assert.doesNotMatch(result.output, /suppressions\[0\]/);
    assert.match(result.output, /Summary: 0 mandatory, 0 advisory, 1 suppressed\./);
  });
});
