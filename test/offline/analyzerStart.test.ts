import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackProcess } from "../../offline/analyzerClient";

describe("PolicyPackProcess.start", () => {
  it("gives up, names the pack and stops it when the pack never prints its port", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "silent-pack-"));
    const entry = path.join(dir, "index.js");
    // A pack that hangs: it starts, prints something that is not a port, and never exits.
    fs.writeFileSync(entry, 'console.log("loading rules"); setInterval(() => {}, 1000);\n');
    const started = Date.now();
    await assert.rejects(
      PolicyPackProcess.start(dir, 500, entry),
      new RegExp(
        `policy pack in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} printed no port within 500 ms`,
      ),
    );
    assert.ok(Date.now() - started < 5000);
  });
});
