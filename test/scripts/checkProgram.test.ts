import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { readForeignProject } from "../../offline/foreignProject";
import { plausibleArn } from "../../offline/genericMocks";
import { main as checkMain } from "../../scripts/check";
import { planForeignProgram } from "../../scripts/planProgram";
import { runScript } from "../helpers/runScript";

const FIXTURES = path.join(PROJECT_ROOT, "test", "fixtures");
const UNSAFE = path.join(FIXTURES, "unsafe-program");
const CLEAN = path.join(FIXTURES, "clean-program");

/** A throw-away program folder: each entry of `files` is written under it. */
function program(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "foreign-program-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const NODEJS_PROJECT = "name: acme-test\nruntime: nodejs\n";

function assertNoStackTrace(output: string) {
  assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
}

describe("npm run check -- --program DIR (another team's program)", () => {
  it("finds the unsafe task definition and the * policy, and exits 1", async () => {
    const result = await runScript(checkMain, ["--program", UNSAFE]);
    assert.strictEqual(result.status, 1, result.output);
    assert.match(result.output, /Stack acme-orders\/staging: 3 resources checked\n/);
    assert.match(
      result.output,
      /\[mandatory\] ecs-init-process-enabled\n\s+urn:pulumi:staging::acme-orders::aws:ecs\/taskDefinition:TaskDefinition::orders\n\s+Container orders does not set linuxParameters\.initProcessEnabled/,
    );
    assert.match(
      result.output,
      /\[mandatory\] iam-least-privilege\n\s+urn:pulumi:staging::acme-orders::aws:iam\/rolePolicy:RolePolicy::orders-task-everything\n\s+Statement Statement\[0\]: action \* allows every action/,
    );
    assert.match(result.output, /Failed: acme-orders\/staging \(\d+ mandatory policy violation/);
  });

  it("passes a clean program (async default export, no stack file: stack dev)", async () => {
    const result = await runScript(checkMain, ["--program", CLEAN]);
    assert.strictEqual(result.status, 0, result.output);
    assert.match(
      result.output,
      /Stack acme-reports\/dev: 3 resources checked\nPolicy pack: no findings/,
    );
  });

  it("takes a relative folder from where npm was run (INIT_CWD)", async () => {
    const saved = process.env.INIT_CWD;
    process.env.INIT_CWD = FIXTURES;
    try {
      assert.strictEqual(readForeignProject("clean-program").dir, CLEAN);
    } finally {
      if (saved === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = saved;
    }
  });

  it("gives the program its stack config as the CLI does, bare keys in the project's namespace", async () => {
    const run = await planForeignProgram(readForeignProject(UNSAFE), "staging");
    const taskDefinition = run.resources.find(
      (r) => r.type === "aws:ecs/taskDefinition:TaskDefinition",
    );
    assert.strictEqual(taskDefinition?.inputs.family, "orders-staging", "family: (no namespace)");
    assert.strictEqual(taskDefinition?.inputs.cpu, "512", "acme-orders:cpu");
    assert.strictEqual(taskDefinition?.inputs.memory, "1024", "Pulumi.yaml default");
    assert.strictEqual(
      run.outputs.taskDefinitionArn,
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders-staging:1",
      "aws:region reaches the mocks, and the program's exports are its outputs",
    );
  });

  it("reads stack files from stackConfigDir, and Pulumi.yaml config values under them", async () => {
    const dir = program({
      "Pulumi.yaml": `${NODEJS_PROJECT}stackConfigDir: stacks\nconfig:\n  aws:region: ca-central-1\n  bucket:\n    type: string\n`,
      "stacks/Pulumi.qa.yaml": "config:\n  bucket: acme-qa-reports\n",
      "index.ts":
        'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\n' +
        'export const arn = new aws.s3.Bucket("reports", { bucket: new pulumi.Config().require("bucket") }).arn;\n',
    });
    const result = await runScript(checkMain, ["--program", dir]);
    assert.match(result.output, /Stack acme-test\/qa: 1 resources checked/);
    const run = await planForeignProgram(readForeignProject(dir), "qa");
    assert.strictEqual(run.resources[0].inputs.bucket, "acme-qa-reports", "stacks/Pulumi.qa.yaml");
    assert.match(String(run.outputs.arn), /^arn:aws:s3:ca-central-1:123456789012:bucket\//);
  });

  it("records dependencies and property dependencies, and gives every AWS resource an ARN", async () => {
    const run = await planForeignProgram(readForeignProject(CLEAN), "dev");
    const urnOf = (type: string) => run.resources.find((r) => r.type === type)?.urn ?? "";
    const logGroup = urnOf("aws:cloudwatch/logGroup:LogGroup");
    const role = urnOf("aws:iam/role:Role");
    const policy = run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy");
    assert.ok(logGroup && role && policy);
    assert.deepStrictEqual(policy.propertyDependencies.policy, [logGroup]);
    assert.deepStrictEqual(policy.propertyDependencies.role, [role]);
    assert.deepStrictEqual([...policy.dependencies].sort(), [logGroup, role].sort());
    assert.match(
      String(policy.inputs.policy),
      /"Resource":"arn:aws:logs:us-east-1:123456789012:log-group:reports-[0-9a-f]+:\*"/,
    );
    assert.match(
      String(policy.outputs.arn),
      /^arn:aws:iam:us-east-1:123456789012:rolepolicy\/reports-task-logs-/,
    );
    assert.deepStrictEqual(run.outputs, { logGroup: String(run.resources[0].outputs.name) });
  });

  it("bundles the program's own packages from its node_modules, and loads @pulumi/* from ours", async () => {
    const dir = program({
      "Pulumi.yaml": NODEJS_PROJECT,
      "node_modules/acme-tags/package.json": '{"name":"acme-tags","main":"index.js"}',
      "node_modules/acme-tags/index.js": 'exports.TAGS = { team: "acme" };',
      // A copy the program would load if its @pulumi/pulumi were its own: the mocks would not apply.
      "node_modules/@pulumi/pulumi/package.json": '{"name":"@pulumi/pulumi","main":"index.js"}',
      "node_modules/@pulumi/pulumi/index.js":
        'throw new Error("the program\'s own @pulumi/pulumi");',
      "index.ts":
        'import * as aws from "@pulumi/aws";\nimport { TAGS } from "acme-tags";\n' +
        'new aws.sqs.Queue("jobs", { tags: TAGS });\n',
    });
    const run = await planForeignProgram(readForeignProject(dir), "dev");
    assert.deepStrictEqual(
      run.resources.map((r) => [r.type, r.inputs.tags]),
      [["aws:sqs/queue:Queue", { team: "acme" }]],
    );
  });

  it("loads fargate-access from this checkout, never from the program's node_modules", async () => {
    const dir = program({
      "Pulumi.yaml": NODEJS_PROJECT,
      // A copy the program would load if the import were resolved from its own folder.
      "node_modules/fargate-access/package.json": '{"name":"fargate-access","main":"index.js"}',
      "node_modules/fargate-access/index.js":
        'throw new Error("the program\'s own fargate-access");',
      "index.ts":
        'import { LibraryInputError } from "fargate-access";\n' +
        'import pkg from "fargate-access/package.json";\n' +
        "export const library = typeof LibraryInputError;\nexport const version = pkg.version;\n",
    });
    const run = await planForeignProgram(readForeignProject(dir), "dev");
    const ours = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    assert.deepStrictEqual(run.outputs, { library: "function", version: ours.version });
  });

  describe("clear errors, exit 1, no stack trace", () => {
    const cases: [string, () => string, RegExp][] = [
      [
        "a missing folder",
        () => path.join(os.tmpdir(), "no-such-program"),
        /--program .*no-such-program: no such folder/,
      ],
      [
        "a folder without Pulumi.yaml",
        () => program({ "index.ts": "" }),
        /no Pulumi\.yaml in .*; give the folder of a Pulumi project/,
      ],
      [
        "a Pulumi.yaml that is not YAML",
        () => program({ "Pulumi.yaml": "name: [acme\n", "index.ts": "" }),
        /Pulumi\.yaml:\d+:\d+: YAML syntax error/,
      ],
      [
        "a Python program",
        () => program({ "Pulumi.yaml": "name: py\nruntime: python\n", "__main__.py": "" }),
        /Pulumi\.yaml: runtime is "python"; the offline check runs only TypeScript or JavaScript programs \(runtime: nodejs\)/,
      ],
      [
        "a program that does not compile",
        () => program({ "Pulumi.yaml": NODEJS_PROJECT, "index.ts": "const a = 1;\nconst b = ;\n" }),
        /Stack acme-test\/dev: cannot be planned\.\nProgram acme-test does not compile:\nindex\.ts:2:11: Unexpected ";"/,
      ],
      [
        "a program that throws",
        () =>
          program({
            "Pulumi.yaml": NODEJS_PROJECT,
            "index.ts":
              'import * as pulumi from "@pulumi/pulumi";\nnew pulumi.Config().require("size");\n',
          }),
        /Program acme-test failed: Missing required configuration variable 'acme-test:size'/,
      ],
      [
        "an async program that rejects",
        () =>
          program({
            "Pulumi.yaml": NODEJS_PROJECT,
            "index.ts":
              'export default async () => {\n  throw new Error("no VPC named main");\n};\n',
          }),
        /Program acme-test failed: no VPC named main/,
      ],
      [
        "a @pulumi package this project does not have",
        () =>
          program({
            "Pulumi.yaml": NODEJS_PROJECT,
            "index.ts": 'import * as random from "@pulumi/random";\nnew random.RandomPet("pet");\n',
          }),
        /imports @pulumi\/random, which is not installed in fargate-access.*npm install @pulumi\/random/,
      ],
      [
        "several stacks and no --stack",
        () =>
          program({
            "Pulumi.yaml": NODEJS_PROJECT,
            "index.ts": "",
            "Pulumi.a.yaml": "",
            "Pulumi.b.yaml": "",
          }),
        /Program acme-test has several stacks \(a, b\); choose one with --stack NAME, or check them all with --all/,
      ],
    ];
    for (const [what, dir, message] of cases) {
      it(what, async () => {
        const result = await runScript(checkMain, ["--program", dir()]);
        assert.strictEqual(result.status, 1, result.output);
        assert.match(result.output, message);
        assertNoStackTrace(result.output);
      });
    }

    it("an unknown --stack, naming the program's stacks", async () => {
      const result = await runScript(checkMain, ["--program", UNSAFE, "--stack", "prod"]);
      assert.strictEqual(result.status, 1, result.output);
      assert.match(
        result.output,
        /No stack file Pulumi\.prod\.yaml; stacks with a file: staging\./,
      );
    });
  });
});

describe("plausibleArn", () => {
  it("shapes an ARN from an AWS type and the physical name; none for other providers", () => {
    assert.strictEqual(
      plausibleArn("aws:s3/bucket:Bucket", "logs", "eu-west-1"),
      "arn:aws:s3:eu-west-1:123456789012:bucket/logs",
    );
    assert.strictEqual(
      plausibleArn("random:index/randomPet:RandomPet", "pet", "eu-west-1"),
      undefined,
    );
  });
});
