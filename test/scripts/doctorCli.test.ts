import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../scripts/doctor";
import { runScript, spawnScript } from "../helpers/runScript";

describe("npm run doctor (command line)", () => {
  it("explains how to pass outputs when the Pulumi CLI is not there (its own process)", () => {
    const result = spawnScript("doctor", ["--stack", "dev"], {
      ...process.env,
      PATH: "/nonexistent",
    });
    assert.strictEqual(result.status, 1);
    assert.match(result.output, /pulumi stack output failed .*pass --outputs FILE/);
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });

  it("refuses outputs that are not this project's", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "outputs-")), "outputs.json");
    fs.writeFileSync(file, JSON.stringify({ bucketName: "b" }));
    const result = await runScript(main, ["--stack", "dev", "--outputs", file]);
    assert.strictEqual(result.status, 1);
    assert.match(result.output, /no strategies or clusterName; are they this project's\?/);
  });
});
