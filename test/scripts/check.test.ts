import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { inParallel } from "../../offline/analyzerClient";
import { violationDetail } from "../../offline/policyCheck";
import { STACK_DIR_VARIABLE } from "../../offline/stackFiles";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { main as checkMain } from "../../scripts/check";
import { main as planMain } from "../../scripts/plan";
import { runScript, spawnScript } from "../helpers/runScript";

function check(args: string[], policyConfig?: unknown) {
  if (policyConfig !== undefined) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-")), "config.json");
    fs.writeFileSync(file, JSON.stringify(policyConfig));
    args = [...args, "--policy-config", file];
  }
  return runScript(checkMain, args);
}

describe("npm run check", () => {
  it("passes the dev stack (its own process)", () => {
    const result = spawnScript("check", ["--stack", "dev"]);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.output, /Stack dev: \d+ resources checked\nPolicy pack: no findings/);
  });

  it("checks every stack with --all", async () => {
    const result = await check(["--all"]);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(result.output, /Stack dev: \d+ resources checked[\s\S]*Stack prod: \d+ resources/);
  });

  it("fails with exit 1 when a stricter policy config breaks the stack", async () => {
    const result = await check(["--stack", "dev"], { "log-group-retention": { minimumDays: 365 } });
    assert.strictEqual(result.status, 1, result.output);
    assert.match(result.output, /\[mandatory\] log-group-retention/);
    assert.match(result.output, /retentionInDays is 30, under the required 365/);
    assert.match(result.output, /3 mandatory policy violation\(s\)/);
  });

  it("refuses a config that makes a mandatory rule advisory or disabled (the CLI would let every stack past it)", async () => {
    const result = await check(["--stack", "dev"], {
      "log-group-retention": { minimumDays: 365, enforcementLevel: "advisory" },
      "ecs-init-process-enabled": "disabled",
    });
    assert.strictEqual(result.status, 1, result.output);
    assert.match(
      result.output,
      /policy config: log-group-retention: enforcement level "advisory" weakens a mandatory rule, so every stack checked with this file could pass it\. Exempt single resources instead \(log-group-retention\.suppressions, each with a reason\), or pass --allow-weakening/,
    );
    assert.match(
      result.output,
      /policy config: ecs-init-process-enabled: enforcement level "disabled"/,
    );
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });

  it("reports but passes a rule made advisory with --allow-weakening, and says so", async () => {
    const result = await check(["--stack", "dev", "--allow-weakening"], {
      "log-group-retention": { minimumDays: 365, enforcementLevel: "advisory" },
    });
    assert.strictEqual(result.status, 0, result.output);
    assert.match(
      result.output,
      /Policy config weakens mandatory rule\(s\) \(--allow-weakening\): log-group-retention → advisory\./,
    );
    assert.match(result.output, /\[advisory\] log-group-retention/);
  });

  it("validates rule settings against the rule's configSchema, all problems at once", async () => {
    const result = await check(["--stack", "dev"], {
      "log-group-retention": { minimumDay: 365 },
      "lambda-supported-runtime": { unsupportedRuntimes: "nodejs16.x" },
      "ecs-no-public-ip": { strict: true },
      "log-group-retentoin": "advisory",
    });
    assert.strictEqual(result.status, 1, result.output);
    assert.match(
      result.output,
      /policy config: log-group-retention: unknown property "minimumDay"\. Did you mean minimumDays\? Allowed: enforcementLevel, allowTagSuppressions, minimumDays, suppressions\./,
    );
    assert.match(
      result.output,
      /policy config: lambda-supported-runtime\.unsupportedRuntimes: "nodejs16\.x" must be array\./,
    );
    assert.match(
      result.output,
      /policy config: ecs-no-public-ip: unknown property "strict"\. Allowed: enforcementLevel, allowTagSuppressions, suppressions\./,
    );
    assert.match(
      result.output,
      /"log-group-retentoin" is not a rule of this pack\. Did you mean log-group-retention\?/,
    );
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });

  it("names an unknown rule, an unknown level and an unknown stack", async () => {
    const unknownRule = await check(["--stack", "dev"], { "no-such-rule": "advisory" });
    assert.strictEqual(unknownRule.status, 1);
    assert.match(
      unknownRule.output,
      /"no-such-rule" is not a rule of this pack\. Use one of iam-least-privilege/,
    );
    const badLevel = await check(["--stack", "dev"], { "ecs-no-public-ip": "strict" });
    assert.match(
      badLevel.output,
      /enforcement level "strict" is not allowed; use one of advisory, mandatory/,
    );
    const unknownStack = await check(["--stack", "nope"]);
    assert.strictEqual(unknownStack.status, 1);
    assert.match(unknownStack.output, /No stack file Pulumi\.nope\.yaml; stacks with a file: dev/);
    assert.doesNotMatch(unknownStack.output, /\n\s+at /, "no stack trace");
  });
});

describe("npm run plan", () => {
  it("exits 1 on a config error with the message alone, naming the key", async () => {
    const stackDir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
    fs.writeFileSync(
      path.join(stackDir, "Pulumi.citest-bad-config.yaml"),
      "config:\n  aws:region: ap-northeast-1\n  fargate-access:strategies: [ecsExec, ssh]\n  fargate-access:service:\n    image: alpine:3.20\n",
    );
    process.env[STACK_DIR_VARIABLE] = stackDir;
    try {
      const result = await runScript(planMain, ["--stack", "citest-bad-config"]);
      assert.strictEqual(result.status, 1, result.output);
      assert.match(
        result.stderr,
        /fargate-access:strategies: "ssh" not allowed; use any of ecsExec, sessionManager, stepFunctions/,
      );
      assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
      assert.ok(
        !fs.existsSync(path.join(PROJECT_ROOT, "Pulumi.citest-bad-config.yaml")),
        "the test wrote into the project root",
      );
    } finally {
      delete process.env[STACK_DIR_VARIABLE];
      fs.rmSync(stackDir, { recursive: true });
    }
  });

  it("prints the plan as one JSON document and writes the access graph", async () => {
    const graph = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "graph-")), "access.mmd");
    const result = await runScript(planMain, ["--stack", "dev", "--json", "--graph", graph]);
    assert.strictEqual(result.status, 0, result.stderr);
    const document = JSON.parse(result.stdout);
    assert.strictEqual(document.stack, "dev");
    const policy = document.resources.find(
      (r: { name: string }) => r.name === "workload-execution-policy",
    );
    assert.strictEqual(policy.inputs.policy.Version, "2012-10-17", "policies parsed, not strings");
    assert.deepStrictEqual(document.findings, []);
    assert.ok(document.cost.total > 0);
    assert.match(fs.readFileSync(graph, "utf8"), /^flowchart LR\n[\s\S]*HTTPS 443 to ssmmessages/);
  });

  it("prints the tree, the outputs, the findings and the cost of dev (its own process)", () => {
    const result = spawnScript("plan", ["--stack", "dev"]);
    assert.strictEqual(result.status, 0, result.stderr);
    assert.match(result.stdout, /aws:ecs\/service:Service {2}workload-service/);
    assert.match(result.stdout, /ecsExecCommand: TASK_ARN=/);
    assert.match(result.stdout, /Policy pack: no findings/);
    assert.match(result.stdout, /Estimated monthly cost[\s\S]*total: \$\d+\.\d{2}\s*$/m);
  });
});

describe("violationDetail", () => {
  it("keeps the violation's own text, not the rule description", () => {
    assert.strictEqual(violationDetail("Rule text.\nThe problem.\nMore."), "The problem. More.");
    assert.strictEqual(violationDetail("Only a description."), "Only a description.");
  });
});

describe("inParallel", () => {
  it("runs every item once with no more than the limit in flight", async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await inParallel([...Array(50).keys()], 4, async (item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(item);
      running--;
    });
    assert.strictEqual(peak, 4);
    assert.deepStrictEqual(
      [...seen].sort((a, b) => a - b),
      [...Array(50).keys()],
    );
  });
});
