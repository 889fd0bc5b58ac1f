import * as assert from "assert";
import { imageReferenceFindings } from "../../config/imageReference";

const DIGEST = "sha256:" + "a".repeat(64);
const ECR = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com";

describe("imageReferenceFindings: the distribution/reference grammar and ECS's image limits", () => {
  const valid = [
    "public.ecr.aws/docker/library/alpine:3.20",
    `${ECR}/team/app@${DIGEST}`,
    `${ECR}/app:1.0@${DIGEST}`,
    "localhost:5000/app:v1_2-3.4",
    "quay.io/my__org/app-name.x:20240101",
    "My.Registry.example/app:1", // a host name may have upper case; the repository may not
  ];
  for (const image of valid) {
    it(`accepts ${image} without a message`, () => {
      assert.deepStrictEqual(imageReferenceFindings(image), {});
    });
  }

  // Each: a reference ECS or the pull refuses, and the part of the message that says why.
  const refused: [string, string][] = [
    [
      `${ECR}/MyApp:1.0`,
      `upper-case letters in the repository "MyApp"; repository names are lower case (distribution/reference grammar), so ECS could not pull it (invalid reference format). Use "${ECR}/myapp:1.0"`,
    ],
    ["Nginx", 'upper-case letters in the repository "Nginx"'],
    ["team/App@" + DIGEST, `Use "team/app@${DIGEST}"`],
    [
      "https://quay.io/org/app:1",
      'is a URL; write the reference without a scheme: "quay.io/org/app:1"',
    ],
    ["nginx 1.25", "holds white space"],
    [
      "app@sha256:abc",
      'has the digest "sha256:abc"; ECS takes only sha256: followed by exactly 64 hex',
    ],
    ["app@md5:" + "a".repeat(32), "ECS takes only sha256:"],
    ["app:v1+build", 'has the tag "v1+build"; a tag is 1 to 128 letters, digits, _ . or -'],
    ["app:-rc", 'has the tag "-rc"'],
    ["app:" + "1".repeat(129), "a tag is 1 to 128"],
    ["team//app:1", 'has the repository part ""'],
    ["team/app_:1", 'has the repository part "app_"'],
    ["bad_host.example/app:1", 'has the registry "bad_host.example"'],
    ["quay.io:port/app:1", 'has the registry "quay.io:port"'],
    [`${ECR}/${"a".repeat(250)}:1`, "characters before any @digest; ECS allows at most 255"],
  ];
  for (const [image, message] of refused) {
    it(`refuses ${image.length > 60 ? image.slice(0, 60) + "…" : image}`, () => {
      const { problem, warning } = imageReferenceFindings(image);
      assert.strictEqual(warning, undefined);
      assert.ok(problem !== undefined && problem.startsWith(JSON.stringify(image)), problem);
      assert.ok(problem.includes(message), `"${problem}" should say "${message}"`);
    });
  }

  it("warns that an untagged image is pulled as :latest", () => {
    assert.strictEqual(
      imageReferenceFindings("localhost:5000/app").warning,
      '"localhost:5000/app" has no tag, so ECS pulls localhost:5000/app:latest, which a push can change under a running service; pin it by digest (IMAGE@sha256:...) or an immutable tag.',
    );
  });

  it("warns that :latest is moved by every push", () => {
    assert.strictEqual(
      imageReferenceFindings("alpine:latest").warning,
      '"alpine:latest" uses the tag latest, which every push moves, so a task that restarts may run other code than the one planned; pin it by digest (IMAGE@sha256:...) or an immutable tag.',
    );
  });

  it("does not warn about :latest pinned by a digest (the digest is what is pulled)", () => {
    assert.deepStrictEqual(imageReferenceFindings(`alpine:latest@${DIGEST}`), {});
  });
});
