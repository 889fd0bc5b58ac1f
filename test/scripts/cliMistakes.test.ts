import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { STACK_DIR_VARIABLE } from "../../offline/stackFiles";

/** Stack files of `withStackFiles`, where the scripts look for them (never the project root). */
let stackDir: string | undefined;

function run(script: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, "bin", "scripts", `${script}.js`), ...args],
    {
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: "/nonexistent",
        ...(stackDir ? { [STACK_DIR_VARIABLE]: stackDir } : {}),
      },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `body` with these `Pulumi.<stack>.yaml` files (and the project's own) in a temporary
 * folder the scripts read stacks from, so that no test writes into the checkout.
 */
function withStackFiles(files: Record<string, string>, body: () => void): void {
  stackDir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
  for (const file of fs.readdirSync(PROJECT_ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
    fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(stackDir, file));
  }
  for (const [stack, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(stackDir, `Pulumi.${stack}.yaml`), text);
  }
  try {
    body();
  } finally {
    fs.rmSync(stackDir, { recursive: true });
    stackDir = undefined;
  }
}

const NO_TRACE = /\n\s+at /;

describe("scripts refuse mistakes with a message, never a stack trace", () => {
  for (const script of ["plan", "check", "cost", "docs", "doctor", "bench", "task", "shell"]) {
    it(`${script} --help prints its usage and exits 0`, () => {
      const result = run(script, ["--help"]);
      assert.strictEqual(result.status, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^Usage: npm run ${script} -- \\[options\\]`));
      assert.match(result.stdout, /--help {2,}show this help and exit/);
    });
  }

  it("plan refuses an unknown flag with a suggestion", () => {
    const result = run("plan", ["--stack", "dev", "--jsn"]);
    assert.strictEqual(result.status, 1);
    assert.match(result.stderr, /Unknown option --jsn \(npm run plan\)\. Did you mean --json\?/);
    assert.doesNotMatch(result.stderr, NO_TRACE);
  });

  it("cost refuses a stack without aws:region", () => {
    withStackFiles(
      {
        "citest-no-region":
          "config:\n  fargate-access:strategies: [ecsExec]\n  fargate-access:service:\n    image: alpine:3.20\n",
      },
      () => {
        const result = run("cost", ["--stack", "citest-no-region"]);
        assert.strictEqual(result.status, 1, result.stdout);
        assert.match(result.stderr, /aws:region: is required/);
        assert.doesNotMatch(result.stderr, NO_TRACE);
      },
    );
  });

  it("plan names the file and line of a YAML syntax error", () => {
    withStackFiles(
      {
        "citest-bad-yaml":
          "config:\n  aws:region: ap-northeast-1\n  fargate-access:strategies: [ecsExec\n  x: y\n",
      },
      () => {
        const result = run("plan", ["--stack", "citest-bad-yaml"]);
        assert.strictEqual(result.status, 1);
        assert.match(result.stderr, /^Pulumi\.citest-bad-yaml\.yaml:4:3: YAML syntax error: /);
        assert.doesNotMatch(result.stderr, NO_TRACE);
      },
    );
  });

  it("check --all checks every stack and names each bad one", () => {
    withStackFiles(
      {
        "citest-a-typo":
          "config:\n  aws:region: ap-northeast-1\n  fargate-access:strategies: [ecsExec]\n  fargate-access:logRetentionDay: 30\n  fargate-access:service:\n    image: alpine:3.20\n",
        "citest-b-region":
          "config:\n  aws:region: tokyo\n  fargate-access:strategies: [ecsExec]\n  fargate-access:service:\n    image: alpine:3.20\n",
      },
      () => {
        const result = run("check", ["--all"]);
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
    );
  });

  it("doctor explains a missing or malformed --outputs file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outputs-"));
    const missing = run("doctor", ["--outputs", path.join(dir, "nope.json")]);
    assert.strictEqual(missing.status, 1);
    assert.match(
      missing.stderr,
      /--outputs .*nope\.json: the file does not exist; write it with `pulumi stack output --json/,
    );
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{ clusterName: ");
    const malformed = run("doctor", ["--outputs", bad]);
    assert.strictEqual(malformed.status, 1);
    assert.match(
      malformed.stderr,
      /bad\.json: not valid JSON \(.*\); use the output of `pulumi stack output --json`/,
    );
    assert.doesNotMatch(missing.stderr + malformed.stderr, NO_TRACE);
  });
});
