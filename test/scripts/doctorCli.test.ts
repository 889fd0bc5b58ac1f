import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const DOCTOR = path.join(PROJECT_ROOT, "bin", "scripts", "doctor.js");

function doctor(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [DOCTOR, ...args], {
    encoding: "utf8",
    env: { ...process.env, PATH: "/nonexistent", ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run doctor (command line)", () => {
  it("explains how to pass outputs when the Pulumi CLI is not there", () => {
    const result = doctor(["--stack", "dev"]);
    assert.strictEqual(result.status, 1);
    assert.match(result.output, /pulumi stack output failed .*pass --outputs FILE/);
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });

  it("refuses outputs that are not this project's", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "outputs-")), "outputs.json");
    fs.writeFileSync(file, JSON.stringify({ bucketName: "b" }));
    const result = doctor(["--stack", "dev", "--outputs", file]);
    assert.strictEqual(result.status, 1);
    assert.match(result.output, /no strategies or clusterName; are they this project's\?/);
  });
});
