import * as assert from "assert";
import { sampleOutputs } from "../helpers/sampleOutputs";
import { parseShellArgs, parseTaskArgs } from "../../operator/args";
import { shellQuote } from "../../operator/shell";
import { sessionDocumentName } from "../../strategies/sessionManager/shell";
import { formatElapsed } from "../../operator/progress";
import { roleSessionName } from "../../operator/session";

describe("operator command arguments (pure)", () => {
  it("takes the command after --, with its own flags untouched", () => {
    const args = parseTaskArgs([
      "--stack",
      "prod",
      "--env",
      "A=1",
      "--env",
      "B=x=y",
      "--",
      "php",
      "--verbose",
      "-n",
    ]);
    assert.deepStrictEqual(args.command, ["php", "--verbose", "-n"]);
    assert.deepStrictEqual(args.environment, [
      { name: "A", value: "1" },
      { name: "B", value: "x=y" },
    ]);
    assert.deepStrictEqual(
      [args.stack, args.wait, args.json, args.assumeOperatorRole],
      ["prod", true, false, false],
    );
    assert.strictEqual(parseTaskArgs(["--no-wait", "--", "true"]).wait, false);
  });

  it("refuses a command before --, a bad --env, an unknown flag and a missing value", () => {
    assert.throws(
      () => parseTaskArgs(["--stack", "dev", "echo"]),
      /Unexpected argument echo \(npm run task\): put COMMAND\.\.\. after a bare --, e\.g\. npm run task -- --stack dev -- echo/,
    );
    assert.throws(
      () => parseTaskArgs(["--env", "1A=x", "--", "true"]),
      /--env "1A=x": expected NAME=value/,
    );
    assert.throws(
      () => parseTaskArgs(["--nowait", "--", "true"]),
      /Unknown option --nowait \(npm run task\)\. Did you mean --no-wait\?/,
    );
    assert.throws(() => parseTaskArgs(["--stack"]), /--stack/);
    assert.throws(
      () => parseShellArgs(["--strategy", "stepFunctions"]),
      /not a shell strategy; use ecsExec or sessionManager/,
    );
  });

  it("reads --help without asking for a command, and lists every option", () => {
    assert.strictEqual(parseTaskArgs(["--help"]).help, true);
    assert.strictEqual(parseShellArgs(["--help"]).help, true);
    assert.throws(() => parseTaskArgs(["--stack", "dev"]), /no command to run: put it after --/);
    assert.throws(
      () => parseShellArgs(["--strategi", "ecsExec"]),
      /Unknown option --strategi \(npm run shell\)\. Did you mean --strategy\?/,
    );
  });

  it("finds the session document in the start-session part of the start command only", () => {
    const command = (start: string) =>
      sampleOutputs({
        sessionManagerStartCommand: `${start}   # or: aws ssm send-command --document-name AWS-RunShellScript`,
      });
    assert.strictEqual(
      sessionDocumentName(command('aws ssm start-session --target "$I" --document-name fa-shell')),
      "fa-shell",
    );
    assert.strictEqual(
      sessionDocumentName(command('aws ssm start-session --target "$I"')),
      undefined,
    );
  });

  it("quotes for a shell, formats elapsed time and names the role session", () => {
    assert.deepStrictEqual(["sh", "bash -l", "it's"].map(shellQuote), [
      "sh",
      "'bash -l'",
      `'it'\\''s'`,
    ]);
    assert.deepStrictEqual([0, 61_000, 3_725_000].map(formatElapsed), ["0:00", "1:01", "1:02:05"]);
    assert.strictEqual(roleSessionName("jane doe/laptop"), "fargate-access-jane-doe-laptop");
    assert.strictEqual(roleSessionName("x".repeat(100)).length, 64);
  });
});
