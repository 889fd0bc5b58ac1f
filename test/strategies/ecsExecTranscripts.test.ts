import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateConfig } from "../../config/validate";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import {
  baseWithoutScript,
  finalBaseImage,
  readBuildSource,
  transcriptToolWarning,
} from "../../strategies/ecsExec/transcriptTool";

const ALPINE = "public.ecr.aws/docker/library/alpine:3.20";

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** A build context holding these files (name → content), under a temporary project root. */
function context(files: Record<string, string>): { root: string; build: { context: string } } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "transcripts-"));
  fs.mkdirSync(path.join(root, "app"));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(root, "app", name), content);
  }
  return { root, build: { context: "app" } };
}

describe("ECS Exec transcripts need script in the image (amazon-ssm-agent shell_unix.go generateLogData)", () => {
  it("warns at plan time when exec logging is on and the image is a base without script", () => {
    const { warnings } = validateConfig({
      strategies: ["ecsExec"],
      service: { image: ALPINE, command: ["crond", "-f"] },
    });
    assert.strictEqual(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /^fargate-access:service\.image: ecsExec\.logging records sessions/);
    assert.match(warnings[0], /Alpine's busybox has no script applet/);
    assert.match(warnings[0], /apk add util-linux-misc/);
  });

  it("says nothing when sessions are not logged, or the base has script", () => {
    const off = validateConfig({
      strategies: ["ecsExec"],
      service: { image: ALPINE },
      ecsExec: { logging: "none" },
    });
    assert.deepStrictEqual(off.warnings, []);
    for (const image of [
      "public.ecr.aws/docker/library/debian:bookworm-slim",
      "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app@sha256:" + "a".repeat(64),
    ]) {
      assert.strictEqual(transcriptToolWarning({ kind: "image", image }), undefined, image);
    }
  });

  it("reads a built image's base from its Dockerfile, ARG defaults included", () => {
    assert.strictEqual(
      finalBaseImage("ARG BASE_IMAGE=alpine:3.22\nFROM golang AS build\nFROM ${BASE_IMAGE}\n"),
      "alpine:3.22",
    );
    assert.strictEqual(finalBaseImage("ARG BASE\nFROM $BASE\n"), undefined);
    assert.ok(baseWithoutScript("public.ecr.aws/amazonlinux/amazonlinux:2023"));
    assert.ok(baseWithoutScript("scratch"));
  });

  it("warns for a Dockerfile on a base without script that installs none", () => {
    const bare = context({ Dockerfile: "FROM alpine:3.22\nRUN apk add --no-cache curl\n" });
    const source = readBuildSource(bare.build, bare.root, readOrUndefined);
    assert.ok(source);
    assert.match(String(transcriptToolWarning(source)), /^fargate-access:service\.build: /);
    const installs = context({
      Dockerfile: "FROM alpine:3.22\nCOPY setup.sh /tmp/setup.sh\nRUN sh /tmp/setup.sh\n",
      "setup.sh": "apk add --no-cache util-linux-misc\n",
    });
    const fixed = readBuildSource(installs.build, installs.root, readOrUndefined);
    assert.ok(fixed);
    assert.strictEqual(transcriptToolWarning(fixed), undefined);
  });

  it("finds script in the project's own image (container/Dockerfile, through install-ssm-agent.sh)", () => {
    const source = readBuildSource({ context: "container" }, PROJECT_ROOT, readOrUndefined);
    assert.ok(source && source.kind === "build");
    assert.match(String(finalBaseImage(source.dockerfile)), /amazonlinux/);
    assert.strictEqual(transcriptToolWarning(source), undefined);
    const { warnings } = validateConfig({
      strategies: ["ecsExec"],
      service: { build: { context: "container" } },
    });
    assert.deepStrictEqual(warnings, []);
  });
});
