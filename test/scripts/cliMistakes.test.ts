import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { STACK_DIR_VARIABLE, listStacks } from "../../offline/stackFiles";
import { ScriptMain } from "../../scripts/failAndExit";
import { main as bench } from "../../scripts/bench";
import { main as check } from "../../scripts/check";
import { main as cost } from "../../scripts/cost";
import { main as docs } from "../../scripts/docs";
import { main as doctor } from "../../scripts/doctor";
import { main as plan } from "../../scripts/plan";
import { main as shell } from "../../scripts/shell";
import { main as task } from "../../scripts/task";
import { processIo } from "../../operator/io";
import { runScript } from "../helpers/runScript";

/** The operator commands write through a CommandIo: sent to `console`, which runScript captures. */
function consoleIo() {
  const line = (write: (text: string) => void) => (text: string) => write(text.replace(/\n$/, ""));
  return { ...processIo(), stdout: line(console.log), stderr: line(console.error) };
}

const MAINS: Record<string, ScriptMain> = {
  plan,
  check,
  cost,
  docs,
  doctor,
  bench,
  task: (argv) => task(argv, consoleIo()),
  shell: (argv) => shell(argv, consoleIo()),
};

/**
 * Runs a script's main in this process (each script's own process has its smoke test elsewhere:
 * the same main, the same failure text), with no AWS or Pulumi CLI on the PATH.
 */
async function run(script: string, args: string[]) {
  const path = process.env.PATH;
  process.env.PATH = "/nonexistent";
  try {
    return await runScript(MAINS[script], args);
  } finally {
    process.env.PATH = path;
  }
}

/**
 * Runs `body` with the stacks read from a temporary folder (FARGATE_ACCESS_STACK_DIR) holding the
 * project's stack files and `files`: the project root stays untouched (a change there would make
 * the next command build again).
 */
async function withStackFiles(
  files: Record<string, string>,
  body: () => Promise<void>,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
  for (const stack of listStacks()) {
    const name = `Pulumi.${stack}.yaml`;
    fs.copyFileSync(path.join(PROJECT_ROOT, name), path.join(dir, name));
  }
  for (const [stack, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  }
  process.env[STACK_DIR_VARIABLE] = dir;
  try {
    await body();
  } finally {
    delete process.env[STACK_DIR_VARIABLE];
    fs.rmSync(dir, { recursive: true });
  }
}

const NO_TRACE = /\n\s+at /;

describe("scripts refuse mistakes with a message, never a stack trace", () => {
  for (const script of ["plan", "check", "cost", "docs", "doctor", "bench", "task", "shell"]) {
    it(`${script} --help prints its usage and exits 0`, async () => {
      const result = await run(script, ["--help"]);
      assert.strictEqual(result.status, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^Usage: npm run ${script} -- \\[options\\]`));
      assert.match(result.stdout, /--help {2,}show this help and exit/);
    });
  }

  it("plan refuses an unknown flag with a suggestion", async () => {
    const result = await run("plan", ["--stack", "dev", "--jsn"]);
    assert.strictEqual(result.status, 1);
    assert.match(result.stderr, /Unknown option --jsn \(npm run plan\)\. Did you mean --json\?/);
    assert.doesNotMatch(result.stderr, NO_TRACE);
  });

  /** A stack file with one mistake: the script refuses it with `message`, without a trace. */
  const BAD_STACK_FILES = [
    {
      title: "cost refuses a stack without aws:region",
      script: "cost",
      stack: "citest-no-region",
      text: "config:\n  fargate-access:strategies: [ecsExec]\n  fargate-access:service:\n    image: alpine:3.20\n",
      message: /aws:region: is required/,
    },
    {
      title: "plan names the file and line of a YAML syntax error",
      script: "plan",
      stack: "citest-bad-yaml",
      text: "config:\n  aws:region: ap-northeast-1\n  fargate-access:strategies: [ecsExec\n  x: y\n",
      message: /^Pulumi\.citest-bad-yaml\.yaml:4:3: YAML syntax error: /,
    },
  ];
  for (const { title, script, stack, text, message } of BAD_STACK_FILES) {
    it(title, () =>
      withStackFiles({ [stack]: text }, async () => {
        const result = await run(script, ["--stack", stack]);
        assert.strictEqual(result.status, 1, result.stdout);
        assert.match(result.stderr, message);
        assert.doesNotMatch(result.stderr, NO_TRACE);
      }),
    );
  }

  /** FARGATE_ACCESS_STACK_DIR values that name no usable folder, and what the message says. */
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stack-dir-")), "Pulumi.dev.yaml");
  fs.writeFileSync(file, "config: {}\n");
  const BAD_STACK_DIRS: [string, string, RegExp][] = [
    ["a relative path", "stacks", /"stacks" is a relative path \(npm runs scripts from the/],
    ["a missing folder", "/nonexistent/stacks", /"\/nonexistent\/stacks" does not exist/],
    ["a file", file, /Pulumi\.dev\.yaml" is a file, not a folder/],
  ];
  for (const [what, dir, message] of BAD_STACK_DIRS) {
    for (const script of ["plan", "cost", "check"]) {
      it(`${script} names ${STACK_DIR_VARIABLE} when it is ${what}, without a stack trace`, async () => {
        process.env[STACK_DIR_VARIABLE] = dir;
        try {
          const result = await run(script, ["--stack", "dev"]);
          assert.strictEqual(result.status, 1, result.stdout);
          assert.match(result.stderr, new RegExp(`^${STACK_DIR_VARIABLE}: `, "m"));
          assert.match(result.stderr, message);
          assert.match(
            result.stderr,
            /set it to the absolute path of a folder holding Pulumi\.<stack>\.yaml files/,
          );
          assert.doesNotMatch(result.stderr, NO_TRACE);
        } finally {
          delete process.env[STACK_DIR_VARIABLE];
        }
      });
    }
  }

  it("check --all checks every stack and names each bad one", () =>
    withStackFiles(
      {
        "citest-a-typo":
          "config:\n  aws:region: ap-northeast-1\n  fargate-access:strategies: [ecsExec]\n  fargate-access:logRetentionDay: 30\n  fargate-access:service:\n    image: alpine:3.20\n",
        "citest-b-region":
          "config:\n  aws:region: tokyo\n  fargate-access:strategies: [ecsExec]\n  fargate-access:service:\n    image: alpine:3.20\n",
      },
      async () => {
        const result = await run("check", ["--all"]);
        assert.strictEqual(result.status, 1, result.stdout + result.stderr);
        assert.match(
          result.stderr,
          /Stack citest-a-typo: cannot be planned\.\n[\s\S]*?Did you mean logRetentionDays\?/,
        );
        assert.match(
          result.stderr,
          /Stack citest-b-region: cannot be planned\.\n[\s\S]*?"tokyo" is not an AWS region/,
        );
        // The good stacks after the bad ones are still checked.
        assert.match(result.stdout, /Stack dev: \d+ resources checked/);
        assert.match(result.stdout, /Stack prod: \d+ resources checked/);
        assert.match(
          result.stderr,
          /Failed: citest-a-typo \(cannot be planned\), citest-b-region \(cannot be planned\)\./,
        );
      },
    ));

  it("doctor explains a missing or malformed --outputs file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outputs-"));
    const missing = await run("doctor", ["--outputs", path.join(dir, "nope.json")]);
    assert.strictEqual(missing.status, 1);
    assert.match(
      missing.stderr,
      /--outputs .*nope\.json: the file does not exist; write it with `pulumi stack output --json/,
    );
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{ clusterName: ");
    const malformed = await run("doctor", ["--outputs", bad]);
    assert.strictEqual(malformed.status, 1);
    assert.match(
      malformed.stderr,
      /bad\.json: not valid JSON \(.*\); use the output of `pulumi stack output --json`/,
    );
    assert.doesNotMatch(missing.stderr + malformed.stderr, NO_TRACE);
  });
});
