import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { listStacks } from "../../offline/stackFiles";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  strategy?: { matrix?: { stack?: string[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const WORKFLOWS = path.join(PROJECT_ROOT, ".github", "workflows");

function workflow(file: string): Workflow {
  return parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

describe("GitHub workflows", () => {
  for (const [file, command] of [
    ["pull-request.yml", "preview"],
    ["deploy.yml", "up"],
  ] as const) {
    describe(file, () => {
      const parsed = workflow(file);
      const pulumiJobs = Object.values(parsed.jobs).filter((job) =>
        job.steps.some((step) => step.uses?.startsWith("pulumi/actions@")),
      );

      it("runs the README's test command and the offline check of every stack", () => {
        const runs = Object.values(parsed.jobs).flatMap((job) => job.steps.map((s) => s.run));
        assert.ok(runs.includes("npm ci --no-audit --no-fund"), String(runs));
        assert.ok(runs.includes("npm test"), String(runs));
        assert.ok(runs.includes("node bin/scripts/check.js --all"), String(runs));
      });

      it(`runs pulumi ${command} with the policy pack on exactly the stacks that exist`, () => {
        assert.strictEqual(pulumiJobs.length, 1);
        const [job] = pulumiJobs;
        assert.deepStrictEqual([...(job.strategy?.matrix?.stack ?? [])].sort(), listStacks());
        const pulumi = job.steps.find((step) => step.uses?.startsWith("pulumi/actions@"));
        assert.strictEqual(pulumi?.with?.command, command);
        assert.strictEqual(pulumi?.with?.policyPacks, "policies");
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "policies", "PulumiPolicy.yaml")));
      });

      it("reaches AWS through OIDC, never stored keys", () => {
        const [job] = pulumiJobs;
        assert.strictEqual(job.permissions?.["id-token"], "write");
        const text = fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
        assert.doesNotMatch(text, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/);
        const aws = job.steps.find((s) =>
          s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
        );
        assert.match(String(aws?.with?.["role-to-assume"]), /^\$\{\{ vars\.AWS_\w+_ROLE_ARN \}\}$/);
      });
    });
  }
});
