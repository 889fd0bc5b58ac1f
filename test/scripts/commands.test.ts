import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config/validate";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { main as costMain } from "../../scripts/cost";
import { runScript, spawnScript } from "../helpers/runScript";

const RUN = path.join(PROJECT_ROOT, "scripts", "run.js");

function node(args: string[]) {
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run cost", () => {
  it("prints the estimate of dev (its own process)", () => {
    const result = spawnScript("cost", ["--stack", "dev"]);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.stdout, /total: \$\d+\.\d{2}/);
  });

  it("prints JSON with --json", async () => {
    const result = await runScript(costMain, ["--stack", "prod", "--json"]);
    assert.strictEqual(result.status, 0, result.output);
    assert.ok(JSON.parse(result.stdout));
  });
});

describe("npm run bench", () => {
  it("prints the pack's time per resource (--quick, its own process)", () => {
    const result = spawnScript("bench", ["--quick"]);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.stdout, /\| 100 \| 1 \| \d+ ms \| \d+ µs \|/);
  });
});

describe("scripts that do not run the program", () => {
  for (const script of ["cost", "doctor"]) {
    it(`${script} loads no @pulumi module (about a second saved per run)`, () => {
      const file = path.join(PROJECT_ROOT, "bin", "scripts", `${script}.js`);
      const result = node([
        "-e",
        `require(${JSON.stringify(file)}); console.log(Object.keys(require.cache).filter((p) => /node_modules[\\\\/]@pulumi[\\\\/]/.test(p)).join("\\n"))`,
      ]);
      assert.strictEqual(result.status, 0, result.output);
      assert.strictEqual(result.output.trim(), "", "modules loaded");
    });
  }

  it("still lets the Pulumi CLI print a config error without a stack trace", () => {
    assert.ok(pulumi.RunError.isInstance(new ConfigError(["a problem"])));
  });
});

describe("scripts/run.js (what npm start / run plan|check|cost|doctor|bench call)", () => {
  it("does not build again when nothing changed", () => {
    const stamp = path.join(PROJECT_ROOT, "bin", ".build-stamp");
    assert.strictEqual(node([RUN, "cost", "--stack", "dev"]).status, 0);
    const built = fs.statSync(stamp).mtimeMs;
    const second = node([RUN, "cost", "--stack", "dev"]);
    assert.strictEqual(second.status, 0, second.output);
    assert.strictEqual(fs.statSync(stamp).mtimeMs, built);
  });

  it("names the scripts it runs when given another name", () => {
    const result = node([RUN, "deploy"]);
    assert.strictEqual(result.status, 1);
    assert.match(
      result.output,
      /Unknown script "deploy"; run one of audit, bench, check, cost, docs, doctor, plan/,
    );
  });
});
