import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

describe("npm run lint:shell", () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"))
    .scripts as Record<string, string>;

  it("is part of npm run lint (so of npm test)", () => {
    assert.match(scripts.lint, /npm run -s lint:shell/);
  });

  it("explains how to install shellcheck when it is missing", () => {
    const result = spawnSync("/bin/sh", ["-c", scripts["lint:shell"]], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: { PATH: "/nonexistent" },
    });
    assert.strictEqual(result.status, 1);
    assert.match(
      result.stderr,
      /shellcheck, which is not installed\. Install it: sudo apt-get install shellcheck/,
    );
  });
});
