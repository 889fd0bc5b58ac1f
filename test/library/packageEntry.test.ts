import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");

describe("the npm package and the stack program share package.json", () => {
  const pkg = JSON.parse(read("package.json")) as {
    main: string;
    types: string;
    exports: Record<string, { types: string; default: string } | string>;
  };

  it("exports the library (compiled) to TypeScript users", () => {
    const entry = pkg.exports["."] as { types: string; default: string };
    assert.strictEqual(entry.default, "./bin/library/index.js");
    assert.strictEqual(entry.types, "./bin/library/index.d.ts");
    assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "bin", "library", "index.js")));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled entry, as npm resolves it
    const library = require(path.join(PROJECT_ROOT, "bin", "library", "index.js"));
    for (const name of [
      "FargateAccess",
      "EcsExecAccess",
      "SessionManagerAccess",
      "StepFunctionsAccess",
    ]) {
      assert.strictEqual(typeof library[name], "function", name);
    }
  });

  // Without `main` in Pulumi.yaml the nodejs language host runs the program named by
  // package.json `exports["."]` before `main` (@pulumi/pulumi cmd/run/run.ts: "Check if
  // package.json specifies an entrypoint via `exports`"), which is now the library.
  it("keeps the stack's entry point in Pulumi.yaml, so `pulumi up` runs index.ts, not the library", () => {
    const project = parse(read("Pulumi.yaml")) as { main?: string };
    assert.strictEqual(project.main, "index.ts");
    assert.strictEqual(pkg.main, "index.ts");
  });
});
