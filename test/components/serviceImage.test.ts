import * as assert from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lifecyclePolicy } from "../../components/serviceImage";
import { contextHash, imageTag } from "../../lib/contextHash";
import { fakeEcrRepository } from "../fakes/ecr";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import {
  containersOf,
  plan,
  resourceNamed,
  resourcesOfType,
  stackConfig,
  statementsOf,
} from "../helpers/offlinePlan";

function buildConfig(build: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return stackConfig({
    "fargate-access:strategies": ["sessionManager"],
    "fargate-access:service": { build, command: ["crond", "-n"], ...extra },
  });
}

describe("service.build", () => {
  it("builds container/ into an immutable, scanned ECR repository and runs it by digest", async () => {
    const run = await plan(buildConfig({ context: "container" }, { cpuArchitecture: "ARM64" }));
    const repository = resourceNamed(run, "image-repository");
    assert.strictEqual(repository.inputs.imageTagMutability, "IMMUTABLE");
    assert.deepStrictEqual(repository.inputs.imageScanningConfiguration, { scanOnPush: true });
    assert.strictEqual(resourceNamed(run, "image-lifecycle").inputs.policy, lifecyclePolicy());

    const image = resourceNamed(run, "image-image");
    const context = path.join(PROJECT_ROOT, "container");
    assert.strictEqual(image.type, "awsx:ecr:Image");
    assert.strictEqual(image.inputs.context, "./container");
    assert.strictEqual(image.inputs.dockerfile, "./container/Dockerfile");
    assert.strictEqual(image.inputs.platform, "linux/arm64");
    assert.strictEqual(
      image.inputs.imageTag,
      imageTag({ context, dockerfile: path.join(context, "Dockerfile"), platform: "linux/arm64" }),
    );

    const [container] = containersOf(run);
    assert.match(
      container.image,
      /\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com\/image-repository-\w+@sha256:0{64}$/,
    );
    const pull = statementsOf(resourceNamed(run, "workload-execution-policy")).find((s) =>
      s.Action.includes("ecr:BatchGetImage"),
    );
    assert.deepStrictEqual(pull?.Resource, [
      `arn:aws:ecr:ap-northeast-1:123456789012:repository/${String(repository.outputs.name)}`,
    ]);
  });

  it("puts no absolute checkout path in any resource input", async () => {
    const run = await plan(buildConfig({ context: "container" }));
    for (const resource of run.resources) {
      const inputs = JSON.stringify(resource.inputs);
      assert.ok(
        !inputs.includes(PROJECT_ROOT),
        `${resource.name} has ${PROJECT_ROOT} in its inputs`,
      );
    }
  });

  it("creates no repository when service.image is given", async () => {
    const run = await plan(stackConfig());
    assert.deepStrictEqual(resourcesOfType(run, "aws:ecr/repository:Repository"), []);
  });

  it("names the key when the context folder does not exist", async () => {
    await assert.rejects(
      plan(buildConfig({ context: "no-such-folder" })),
      /fargate-access:service\.build\.context: "no-such-folder" is not a folder/,
    );
  });

  it("names the key when the Dockerfile does not exist in the context folder", async () => {
    await assert.rejects(
      plan(buildConfig({ context: "container", dockerfile: "Dockerfile.prod" })),
      /fargate-access:service\.build\.dockerfile: "Dockerfile\.prod" does not exist in container; the folder has Dockerfile/,
    );
  });

  it("lifecycle policy expires untagged images and keeps the last twenty", () => {
    const rules = JSON.parse(lifecyclePolicy()).rules;
    assert.deepStrictEqual(
      rules.map((rule: { selection: { tagStatus: string; countNumber: number } }) => [
        rule.selection.tagStatus,
        rule.selection.countNumber,
      ]),
      [
        ["untagged", 7],
        ["any", 20],
      ],
    );
  });
});

describe("contextHash", () => {
  function folder(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "context-"));
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  }

  it("is the same for the same files and changes with a byte or a name", () => {
    const base = { Dockerfile: "FROM scratch\n", "bin/run.sh": "echo hi\n" };
    const hash = contextHash(folder(base));
    assert.match(hash, /^[0-9a-f]{16}$/);
    assert.strictEqual(contextHash(folder(base)), hash);
    assert.notStrictEqual(contextHash(folder({ ...base, Dockerfile: "FROM scratch \n" })), hash);
    assert.notStrictEqual(
      contextHash(folder({ Dockerfile: "FROM scratch\n", "bin/run2.sh": "echo hi\n" })),
      hash,
    );
  });

  it("ignores node_modules and .git", () => {
    const base = { Dockerfile: "FROM scratch\n" };
    assert.strictEqual(
      contextHash(folder({ ...base, "node_modules/x/index.js": "1", ".git/HEAD": "ref" })),
      contextHash(folder(base)),
    );
  });
});

describe("imageTag", () => {
  const context = path.join(PROJECT_ROOT, "container");
  const dockerfile = path.join(context, "Dockerfile");

  /** What a build produces: different inputs, a different image (and digest). */
  function build(inputs: Parameters<typeof imageTag>[0]) {
    const digest = createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
    return { imageTag: imageTag(inputs), imageDigest: `sha256:${digest}` };
  }

  it("lets every changed build be pushed to an IMMUTABLE repository", () => {
    const ecr = fakeEcrRepository("IMMUTABLE");
    const amd64 = { context, dockerfile, platform: "linux/amd64" };
    ecr.service.PutImage(build(amd64));
    // The same build again is accepted (same tag, same image).
    ecr.service.PutImage(build(amd64));
    // cpuArchitecture: ARM64 builds other bytes from the same files.
    ecr.service.PutImage(build({ ...amd64, platform: "linux/arm64" }));
    ecr.service.PutImage(build({ ...amd64, buildArgs: { VERSION: "2" } }));
    assert.strictEqual(ecr.tags.size, 3);
  });

  it("changes with a Dockerfile outside the context", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dockerfile-"));
    const outside = path.join(dir, "Dockerfile.prod");
    fs.writeFileSync(outside, "FROM scratch\n");
    const before = imageTag({ context, dockerfile: outside, platform: "linux/amd64" });
    fs.writeFileSync(outside, "FROM scratch\nLABEL x=1\n");
    assert.notStrictEqual(
      imageTag({ context, dockerfile: outside, platform: "linux/amd64" }),
      before,
    );
  });
});
