import * as assert from "assert";
import { checkImagePull, imageSource } from "../../config/imagePull";
import { RawConfig } from "../../config/types";
import { validateConfig } from "../../config/validate";
import { validateFlatConfig } from "../../config/read";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";
import {
  TEST_IMAGE,
  containersOf,
  plan,
  resourceNamed,
  statementsOf,
} from "../helpers/offlinePlan";

const REGION = "ap-northeast-1";

function report(service: Record<string, unknown>, network: Record<string, unknown> = {}) {
  const raw: RawConfig = { strategies: ["ecsExec"], service, network };
  return checkImagePull(validateConfig(raw).config, REGION);
}

describe("image pull reachability", () => {
  it("classifies registries as the Docker reference grammar does", () => {
    assert.deepStrictEqual(imageSource(TEST_IMAGE), { kind: "ecr", region: REGION });
    assert.deepStrictEqual(imageSource("public.ecr.aws/docker/library/alpine:3.20"), {
      kind: "cacheable",
      registry: "public.ecr.aws",
      path: "docker/library/alpine:3.20",
    });
    assert.deepStrictEqual(imageSource("alpine:3.20"), { kind: "other", registry: "docker.io" });
    assert.deepStrictEqual(imageSource("library/alpine"), { kind: "other", registry: "docker.io" });
    assert.deepStrictEqual(imageSource("ghcr.io/org/app:1"), {
      kind: "other",
      registry: "ghcr.io",
    });
    assert.deepStrictEqual(imageSource("localhost:5000/app"), {
      kind: "other",
      registry: "localhost:5000",
    });
  });

  // VPC endpoints serve only the region's private ECR; anything else needs NAT or a cache rule.
  const cases: [
    string,
    Record<string, unknown>,
    Record<string, unknown>,
    "ok" | "error" | "warn",
  ][] = [
    ["ECR in the region, endpoints only", { image: TEST_IMAGE }, {}, "ok"],
    [
      "ECR of another region, endpoints only",
      { image: TEST_IMAGE.replace(REGION, "us-east-1") },
      {},
      "error",
    ],
    ["public.ecr.aws, endpoints only", { image: "public.ecr.aws/nginx/nginx:1.27" }, {}, "error"],
    ["Docker Hub, endpoints only", { image: "alpine:3.20" }, {}, "error"],
    ["Docker Hub with NAT", { image: "alpine:3.20" }, { natGateways: "single" }, "ok"],
    [
      "public.ecr.aws through a pull-through cache",
      { image: "public.ecr.aws/nginx/nginx:1.27", pullThroughCache: true },
      {},
      "ok",
    ],
    [
      "Docker Hub through a pull-through cache (needs credentials)",
      { image: "alpine:3.20", pullThroughCache: true },
      {},
      "error",
    ],
    [
      "Docker Hub in an existing VPC (NAT unknown)",
      { image: "alpine:3.20" },
      { mode: "existing", vpcId: "vpc-0abc1234", privateSubnetIds: ["subnet-0abc1234"] },
      "warn",
    ],
    ["a built image", { build: { context: "container" } }, {}, "ok"],
  ];
  for (const [title, service, network, expected] of cases) {
    it(`${title} → ${expected}`, () => {
      const { problems, warnings } = report(service, network);
      assert.deepStrictEqual(
        { problems: problems.length > 0, warnings: warnings.length > 0 },
        { problems: expected === "error", warnings: expected === "warn" },
        [...problems, ...warnings].join("\n"),
      );
    });
  }

  it("names the key, the image and every fix", () => {
    const [problem] = report({ image: "public.ecr.aws/nginx/nginx:1.27" }).problems;
    assert.match(problem, /^fargate-access:service\.image: "public\.ecr\.aws\/nginx\/nginx:1\.27"/);
    assert.match(problem, /CannotPullContainerError/);
    assert.match(problem, /service\.pullThroughCache: true/);
    assert.match(problem, /network\.natGateways: single/);
    assert.match(problem, /service\.build/);
  });

  it("refuses a plan whose tasks could not pull their image", async () => {
    await assert.rejects(
      plan({
        "aws:region": REGION,
        "fargate-access:strategies": ["ecsExec"],
        "fargate-access:service": { image: "public.ecr.aws/nginx/nginx:1.27" },
      }),
      /CannotPullContainerError/,
    );
  });

  it("every example stack can pull its image as written", () => {
    for (const stack of listStacks()) {
      const flat = readStackConfigFile(stack);
      const { config } = validateFlatConfig(flat);
      const { problems } = checkImagePull(config, flat["aws:region"]);
      assert.deepStrictEqual(problems, [], `Pulumi.${stack}.yaml`);
    }
  });

  it("pulls through a stack-owned cache rule, with the import grants on its repositories only", async () => {
    const run = await plan({
      "aws:region": REGION,
      "fargate-access:strategies": ["ecsExec"],
      "fargate-access:service": {
        image: "public.ecr.aws/docker/library/alpine:3.20",
        pullThroughCache: true,
      },
    });
    const rule = resourceNamed(run, "image-cache-rule");
    assert.strictEqual(rule.inputs.upstreamRegistryUrl, "public.ecr.aws");
    assert.strictEqual(rule.inputs.ecrRepositoryPrefix, "fargate-access-test-public");
    const image = containersOf(run)[0].image;
    assert.strictEqual(
      image,
      "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/fargate-access-test-public/docker/library/alpine:3.20",
    );
    // What the tasks pull is now in the region's private ECR: reachable through the endpoints.
    assert.deepStrictEqual(imageSource(image), { kind: "ecr", region: REGION });
    const statements = statementsOf(resourceNamed(run, "workload-execution-policy"));
    const repositories =
      "arn:aws:ecr:ap-northeast-1:123456789012:repository/fargate-access-test-public/*";
    const importing = statements.find((s) => s.Sid === "ImportUpstreamImage");
    assert.deepStrictEqual(importing?.Action, [
      "ecr:BatchImportUpstreamImage",
      "ecr:CreateRepository",
    ]);
    assert.deepStrictEqual(importing?.Resource, [repositories]);
    assert.deepStrictEqual(statements.find((s) => s.Sid === "PullImage")?.Resource, [repositories]);
  });
});
