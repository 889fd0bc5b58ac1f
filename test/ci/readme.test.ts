import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderReadme } from "../../config/docs";
import { main as docsMain } from "../../scripts/docs";
import { runScript } from "../helpers/runScript";
import { TOP_LEVEL_KEYS } from "../../config/validate";
import { validateFlatConfig } from "../../config/read";
import { estimateCost, renderCost } from "../../cost/estimate";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { runOffline } from "../../offline/runOffline";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";
import { buildStack } from "../../program";

const README = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");

/** The section of the README under a `## title` heading, up to the next one. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a "## ${title}" section`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

describe("README", () => {
  it("has one unbroken configuration table that names every top-level key", () => {
    const lines = section("Configuration").split("\n");
    const first = lines.findIndex((line) => line.startsWith("| key |"));
    const rows: string[] = [];
    for (const line of lines.slice(first)) {
      if (!line.startsWith("|")) break;
      rows.push(line);
    }
    const keys = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1] ?? "");
    for (const key of TOP_LEVEL_KEYS) {
      assert.ok(
        keys.some((k) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}*`)),
        `the table (before any blank line) documents ${key}: ${keys.join(", ")}`,
      );
    }
  });

  it("does not call ECS Exec free while its endpoints and key cost money", () => {
    assert.doesNotMatch(section("ECS Exec"), /costs nothing extra/);
    assert.match(section("ECS Exec"), /npm run cost/);
  });

  for (const stack of ["dev", "prod"]) {
    it(`shows the cost of ${stack} exactly as npm run cost prints it`, () => {
      const flat = readStackConfigFile(stack);
      const printed = renderCost(estimateCost(validateFlatConfig(flat).config, flat["aws:region"]));
      assert.ok(
        section("Cost estimate").includes(`$ npm run cost -- --stack ${stack}\n${printed}\n`),
        `README's ${stack} example differs from:\n${printed}`,
      );
    });
  }
});

describe("README: generated tables", () => {
  it("are what npm run docs renders from the config fields and the strategy modules", () => {
    assert.ok(
      renderReadme(README) === README,
      "README.md's generated tables are stale: run npm run docs, then review the diff",
    );
  });

  it("a rendered table replaces only what is between its markers", () => {
    const readme = [
      "intro",
      "<!-- generated: config-table (npm run docs) -->",
      "| stale |",
      "<!-- end generated -->",
      "middle",
      "<!-- generated: outputs-table (npm run docs) -->",
      "<!-- end generated -->",
      "outro",
    ].join("\n");
    const rendered = renderReadme(readme);
    assert.match(rendered, /^intro\n<!-- generated: config-table/);
    assert.doesNotMatch(rendered, /\| stale \|/);
    assert.match(rendered, /\| `strategies` \| — \(required\) \|/);
    assert.match(rendered, /\| `stepFunctionsStateMachineArn` \| `stepFunctions` \|/);
    assert.match(rendered, /<!-- end generated -->\noutro$/);
    assert.throws(() => renderReadme("no markers"), /has no <!-- generated: config-table/);
  });
});

describe("README: stack outputs", () => {
  /** Every output name the README's Outputs section lists (in backticks, before "An operator"). */
  function documentedOutputs(): Set<string> {
    const start = README.indexOf("\n### Outputs\n");
    const text = README.slice(start, README.indexOf("An operator-role output", start));
    return new Set([...text.matchAll(/`([a-zA-Z]+)`/g)].map(([, name]) => name));
  }

  for (const stack of listStacks()) {
    it(`lists every output of the ${stack} stack, and the stack has no other`, async () => {
      const run = await runOffline(buildStack, { stack, config: readStackConfigFile(stack) });
      const documented = documentedOutputs();
      const undocumented = Object.keys(run.outputs).filter((name) => !documented.has(name));
      assert.deepStrictEqual(undocumented, [], "outputs the README does not document");
    });
  }
});

describe("npm run docs", () => {
  it("prints its help, and leaves an up-to-date README untouched", async () => {
    const help = await runScript(docsMain, ["--help"]);
    assert.strictEqual(help.status, 0);
    assert.match(help.stdout, /npm run docs/);
    const before = fs.statSync(path.join(PROJECT_ROOT, "README.md")).mtimeMs;
    const result = await runScript(docsMain, []);
    assert.strictEqual(result.status, 0);
    assert.match(result.stdout, /README.md is up to date/);
    assert.strictEqual(fs.statSync(path.join(PROJECT_ROOT, "README.md")).mtimeMs, before);
  });

  it("refuses options it does not know", async () => {
    const result = await runScript(docsMain, ["--write"]);
    assert.strictEqual(result.status, 1);
    assert.match(result.output, /--write/);
  });
});
