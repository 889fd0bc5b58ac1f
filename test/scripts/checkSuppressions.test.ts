import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

const CHECK = path.join(PROJECT_ROOT, "bin", "scripts", "check.js");

function checkProd(policyConfig: unknown) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-")), "config.json");
  fs.writeFileSync(file, JSON.stringify(policyConfig));
  const result = spawnSync(process.execPath, [CHECK, "--stack", "prod", "--policy-config", file], {
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run check: suppressions are listed with their reasons and counted", () => {
  it("moves a suppressed finding under Suppressions and into the summary line", () => {
    const reason = "Session Manager strategy: exec mount only, no ECS Exec sessions";
    const result = checkProd({
      "ecs-exec-cluster-configured": {
        suppressions: [{ resource: "workload-service", reason }],
      },
    });
    assert.strictEqual(result.status, 0, result.output);
    assert.doesNotMatch(result.output, /\[advisory\] ecs-exec-cluster-configured/);
    assert.match(result.output, /Suppressions \(1\), each with its reason:/);
    assert.ok(
      result.output.includes(`ecs-exec-cluster-configured suppressed (policy config): "${reason}"`),
      result.output,
    );
    assert.match(result.output, /Summary: 0 mandatory, 0 advisory, 1 suppressed\./);
  });

  it("keeps the finding when the reason is too short, and says the suppression was refused", () => {
    const result = checkProd({
      "ecs-exec-cluster-configured": {
        suppressions: [{ resource: "workload-service", reason: "n/a" }],
      },
    });
    assert.match(result.output, /\[advisory\] ecs-exec-cluster-configured/);
    assert.match(result.output, /the suppression \(policy config\) was refused/);
  });
});
