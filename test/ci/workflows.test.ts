import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  strategy?: { matrix?: { stack?: string[]; node?: number[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const WORKFLOWS = path.join(PROJECT_ROOT, ".github", "workflows");
const FILES = ["pull-request.yml", "deploy.yml"];

/** The Node major versions `engines` allows, e.g. `^20.19.0 || ^22.12.0 || ^24.0.0` → 20, 22, 24. */
function engineMajors(): number[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
  return [...String(pkg.engines.node).matchAll(/\^(\d+)\./g)].map((match) => Number(match[1]));
}

/** Stacks whose image is built for ARM64 (a `service.build` with `cpuArchitecture: ARM64`). */
function armBuildStacks(): string[] {
  return listStacks().filter((stack) => {
    const service = JSON.parse(readStackConfigFile(stack)["fargate-access:service"] ?? "{}");
    return service.build !== undefined && service.cpuArchitecture === "ARM64";
  });
}

function workflow(file: string): Workflow {
  return parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

describe("GitHub workflows", () => {
  for (const [file, command] of [
    [FILES[0], "preview"],
    [FILES[1], "up"],
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

      it("tests on every Node line package.json's engines names", () => {
        const matrices = Object.values(parsed.jobs)
          .filter((job) => job.steps.some((step) => step.run === "npm test"))
          .map((job) => job.strategy?.matrix?.node);
        assert.deepStrictEqual(matrices, [engineMajors()]);
        assert.deepStrictEqual(engineMajors(), [20, 22, 24]);
      });

      it(`runs pulumi ${command} with the policy pack on exactly the stacks that exist`, () => {
        assert.strictEqual(pulumiJobs.length, 1);
        const [job] = pulumiJobs;
        assert.deepStrictEqual(
          [...(job.strategy?.matrix?.stack ?? [])].sort(),
          listStacks(),
          `the stacks with a Pulumi.<stack>.yaml must be the stack matrix of the pulumi job in ${FILES.map((f) => `.github/workflows/${f}`).join(" and ")}: add or remove the stack there`,
        );
        const pulumi = job.steps.find((step) => step.uses?.startsWith("pulumi/actions@"));
        assert.strictEqual(pulumi?.with?.command, command);
        assert.strictEqual(pulumi?.with?.policyPacks, "policies");
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "policies", "PulumiPolicy.yaml")));
      });

      it("sets up QEMU and Buildx before pulumi when a stack builds an ARM64 image", () => {
        assert.ok(armBuildStacks().length > 0, "prod builds for ARM64; keep this test meaningful");
        const [job] = pulumiJobs;
        const uses = job.steps.map((step) => step.uses?.split("@")[0]);
        const pulumiAt = uses.indexOf("pulumi/actions");
        for (const action of ["docker/setup-qemu-action", "docker/setup-buildx-action"]) {
          const at = uses.indexOf(action);
          assert.ok(at !== -1 && at < pulumiAt, `${action} before pulumi/actions`);
        }
      });

      it("lets comment-on-pr write its comment (a job's unlisted permissions are none)", () => {
        const [job] = pulumiJobs;
        const pulumi = job.steps.find((step) => step.uses?.startsWith("pulumi/actions@"));
        if (pulumi?.with?.["comment-on-pr"]) {
          assert.strictEqual(job.permissions?.["pull-requests"], "write");
        } else {
          assert.strictEqual(job.permissions?.["pull-requests"], undefined);
        }
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
