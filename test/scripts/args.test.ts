import * as assert from "assert";
import { FLAGS, ScriptSpec, helpText, parseArgs } from "../../scripts/args";

const SPEC: ScriptSpec = {
  command: "npm run check",
  summary: "Checks things.",
  flags: [FLAGS.stack, { name: "all", help: "every stack" }, FLAGS.policyConfig],
};

describe("script arguments", () => {
  it("reads valued options in both spellings, and flags", () => {
    const args = parseArgs(["--stack", "prod", "--policy-config=p.json", "--all"], SPEC);
    assert.strictEqual(args.stack, "prod");
    assert.deepStrictEqual(args.flags, new Set(["all"]));
    assert.strictEqual(args.policyConfig, "p.json");
    assert.deepStrictEqual(args.values, { stack: "prod", "policy-config": "p.json" });
    assert.strictEqual(args.help, false);
    assert.strictEqual(parseArgs([], SPEC).stack, "dev");
  });

  it("refuses an unknown option, suggesting the closest declared one", () => {
    assert.throws(
      () => parseArgs(["--al"], SPEC),
      /^UsageError: Unknown option --al \(npm run check\)\. Did you mean --all\? Run with --help/,
    );
    assert.throws(
      () => parseArgs(["--json"], SPEC),
      /Unknown option --json \(npm run check\)\. Run with --help/,
    );
  });

  it("refuses a missing value, a value on a flag and stray words", () => {
    assert.throws(() => parseArgs(["--stack"], SPEC), /--stack needs a value, e\.g\. --stack NAME/);
    assert.throws(
      () => parseArgs(["--policy-config", "--all"], SPEC),
      /--policy-config needs a value/,
    );
    assert.throws(() => parseArgs(["--all=yes"], SPEC), /--all takes no value/);
    assert.throws(() => parseArgs(["prod"], SPEC), /Unexpected argument prod \(npm run check\)/);
  });

  it("collects a repeatable option and the words after --, refuses a repeated single one", () => {
    const spec: ScriptSpec = {
      command: "npm run task",
      summary: "Runs a command.",
      flags: [FLAGS.stack, { name: "env", value: "K=V", repeatable: true, help: "environment" }],
      rest: "COMMAND...",
    };
    const args = parseArgs(["--env", "A=1", "--env=B=2", "--", "php", "--verbose"], spec);
    assert.deepStrictEqual(args.lists.env, ["A=1", "B=2"]);
    assert.deepStrictEqual(args.rest, ["php", "--verbose"]);
    assert.throws(
      () => parseArgs(["--stack", "a", "--stack", "b"], spec),
      /--stack is given twice/,
    );
    assert.throws(() => parseArgs(["--", "x"], SPEC), /npm run check takes no words after --/);
    assert.match(helpText(spec), /^Usage: npm run task -- \[options\] -- COMMAND\.\.\.\n/);
    assert.match(helpText(spec), /--env K=V \.\.\. {2}environment/);
  });

  it("generates --help from the spec", () => {
    assert.ok(parseArgs(["--help"], SPEC).help);
    assert.strictEqual(
      helpText(SPEC),
      [
        "Usage: npm run check -- [options]",
        "",
        "Checks things.",
        "",
        "Options:",
        "  --stack NAME          the stack whose Pulumi.NAME.yaml is read (default dev)",
        "  --all                 every stack",
        "  --policy-config FILE  per-rule settings as JSON, as `pulumi preview --policy-pack-config` takes them",
        "  --help                show this help and exit",
      ].join("\n"),
    );
  });
});
