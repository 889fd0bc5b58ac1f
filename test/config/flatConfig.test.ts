import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REGIONS_BY_PARTITION, REGION_PLACES, regionProblem } from "../../config/awsRegions";
import { buildFileProblems } from "../../config/buildFiles";
import { validateFlatConfig } from "../../config/read";
import { ConfigError, validateConfig } from "../../config/validate";
import { isScheduleExpression } from "../../config/patterns";
import { UsageError, parseStackFile, toEngineConfig } from "../../offline/stackFiles";
import { closest } from "../../lib/suggest";
import { TEST_IMAGE, stackConfig } from "../helpers/offlinePlan";

/** The problems a stack file's config has, as `Pulumi.<stack>.yaml` would hold it. */
function problemsOf(config: Record<string, unknown>): readonly string[] {
  try {
    validateFlatConfig(toEngineConfig(config));
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
  return [];
}

describe("stack config as a stack file holds it", () => {
  it("accepts the smallest valid config", () => {
    assert.deepStrictEqual(problemsOf(stackConfig()), []);
  });

  it("refuses a misspelt top-level key and suggests the right one", () => {
    const problems = problemsOf(stackConfig({ "fargate-access:logRetentionDay": 30 }));
    assert.deepStrictEqual(problems, [
      "fargate-access:logRetentionDay: unknown key. Did you mean logRetentionDays? Allowed keys: strategies, productionLike, logRetentionDays, network, service, ecsExec, sessionManager, stepFunctions, cost.",
    ]);
  });

  it("explains that a dotted key is not a path, and how to nest it", () => {
    const config = stackConfig({ "fargate-access:service.cpu": 512 });
    const [problem] = problemsOf(config);
    assert.match(problem, /^fargate-access:service\.cpu: a dotted key is not a path/);
    assert.match(problem, /fargate-access:service:\n\s+cpu: \.\.\./);
    assert.match(problem, /pulumi config set --path 'fargate-access:service\.cpu' VALUE/);
  });

  it("reports a dotted key once, not also as a missing nested key", () => {
    const config = stackConfig({ "fargate-access:service.image": TEST_IMAGE });
    delete config["fargate-access:service"];
    const problems = problemsOf(config);
    assert.strictEqual(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^fargate-access:service\.image: a dotted key is not a path/);
  });

  it("suggests the section of a dotted key whose section is misspelt", () => {
    const [problem] = problemsOf(stackConfig({ "fargate-access:servce.cpu": 512 }));
    assert.match(
      problem,
      /^fargate-access:servce\.cpu: unknown key\. Did you mean fargate-access:service\?/,
    );
  });

  it("names a misspelt namespace and the key it was meant to be", () => {
    const problems = problemsOf(stackConfig({ "fargate-acess:logRetentionDays": 90 }));
    assert.deepStrictEqual(problems, [
      'fargate-acess:logRetentionDays: unknown namespace "fargate-acess". Did you mean fargate-access:logRetentionDays?',
    ]);
  });

  it("leaves other providers' namespaces alone", () => {
    assert.deepStrictEqual(problemsOf(stackConfig({ "docker:host": "unix:///x" })), []);
  });

  it("refuses a region that is a city, an availability zone or missing", () => {
    assert.match(
      problemsOf(stackConfig({ "aws:region": "tokyo" }))[0],
      /^aws:region: "tokyo" is not an AWS region\. The Tokyo region's code is ap-northeast-1\./,
    );
    assert.match(
      problemsOf(stackConfig({ "aws:region": "ap-northeast-1a" }))[0],
      /availability zone; its region is ap-northeast-1/,
    );
    assert.match(
      problemsOf(stackConfig({ "aws:region": "us-est-1" }))[0],
      /Did you mean us-east-1\?/,
    );
    const noRegion = stackConfig();
    delete noRegion["aws:region"];
    assert.match(
      problemsOf(noRegion)[0],
      /^aws:region: is required; set it with `pulumi config set/,
    );
    // The program itself may take the region from AWS_REGION, so there it is optional.
    assert.doesNotThrow(() =>
      validateFlatConfig(toEngineConfig(noRegion), { regionRequired: false }),
    );
  });

  it("lists problems of every kind at once", () => {
    const problems = problemsOf(
      stackConfig({
        "aws:region": "tokyo",
        "fargate-access:logRetentionDay": 30,
        "fargate-access:network": { mode: "x" },
      }),
    );
    assert.strictEqual(problems.length, 3, problems.join("\n"));
  });
});

describe("ecsExec.kmsKey in another region or partition", () => {
  const key = (arn: string) => ({
    strategies: ["ecsExec"],
    service: { image: "a@sha256:" + "1".repeat(64) },
    ecsExec: { kmsKey: arn },
  });
  const problems = (arn: string, region: string) => {
    try {
      validateConfig(key(arn), { region });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };
  const id = "1234abcd-12ab-34cd-56ef-1234567890ab";

  it("accepts a key of the stack's region", () => {
    assert.deepStrictEqual(
      problems(`arn:aws:kms:ap-northeast-1:123456789012:key/${id}`, "ap-northeast-1"),
      [],
    );
    assert.deepStrictEqual(
      problems(`arn:aws-cn:kms:cn-north-1:123456789012:key/${id}`, "cn-north-1"),
      [],
    );
  });

  it("refuses a key of another region, naming both", () => {
    const [problem] = problems(`arn:aws:kms:us-east-1:123456789012:key/${id}`, "ap-northeast-1");
    assert.match(
      problem,
      /^fargate-access:ecsExec\.kmsKey: .* is a key of aws\/us-east-1, but the stack deploys to aws\/ap-northeast-1/,
    );
  });

  it("refuses a key of another partition", () => {
    const [problem] = problems(`arn:aws:kms:cn-north-1:123456789012:key/${id}`, "cn-north-1");
    assert.match(problem, /deploys to aws-cn\/cn-north-1/);
  });
});

describe("EventBridge schedule expressions", () => {
  // "Cron expressions reference", Amazon EventBridge User Guide.
  for (const ok of [
    "rate(1 hour)",
    "rate(5 minutes)",
    "cron(0 3 * * ? *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0/15 * ? * 3#2 2030)",
    "cron(0 0 L * ? *)",
  ]) {
    it(`accepts ${ok}`, () => assert.ok(isScheduleExpression(ok)));
  }
  for (const bad of [
    "cron(0 3 * * *)",
    "cron(0 3 * * * *)",
    "cron(0 3 1 * MON *)",
    "cron(0 3 * * ? * *)",
    "rate(1 hours)",
    "cron(x y z a b c)",
  ]) {
    it(`refuses ${bad}`, () => assert.ok(!isScheduleExpression(bad)));
  }
});

describe("service.build files", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "build-"));
  fs.mkdirSync(path.join(root, "app"));
  fs.writeFileSync(path.join(root, "app", "Dockerfile.prod"), "FROM scratch\n");

  it("refuses a Dockerfile that does not exist, listing the ones that do", () => {
    const [problem] = buildFileProblems({ context: "app" }, root);
    assert.match(
      problem,
      /^fargate-access:service\.build\.dockerfile: "Dockerfile" does not exist in app; the folder has Dockerfile\.prod/,
    );
  });

  it("accepts the named Dockerfile and refuses a missing folder", () => {
    assert.deepStrictEqual(
      buildFileProblems({ context: "app", dockerfile: "Dockerfile.prod" }, root),
      [],
    );
    assert.match(
      buildFileProblems({ context: "nope" }, root)[0],
      /context: "nope" is not a folder/,
    );
  });
});

describe("stack file YAML", () => {
  it("names the file, line and column of a syntax error", () => {
    const text =
      "config:\n  aws:region: ap-northeast-1\n  fargate-access:strategies: [ecsExec\n  foo: bar\n";
    assert.throws(
      () => parseStackFile("Pulumi.dev.yaml", text),
      (error: Error) =>
        error instanceof UsageError &&
        /^Pulumi\.dev\.yaml:4:3: YAML syntax error: /.test(error.message),
    );
  });

  it("refuses a config that is not a map", () => {
    assert.throws(
      () => parseStackFile("Pulumi.x.yaml", "config: [a, b]\n"),
      /Pulumi\.x\.yaml: expected a map/,
    );
  });
});

describe("region table", () => {
  it("matches the partitions the installed AWS SDK knows", () => {
    const entry = require.resolve("@aws-sdk/core/package.json");
    const file = path.join(
      path.dirname(entry),
      "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js",
    );
    const text = fs.readFileSync(file, "utf8").replace("export const partitionsInfo =", "return");
    const info = new Function(text)() as {
      partitions: { id: string; regions: Record<string, unknown> }[];
    };
    const fromSdk = Object.fromEntries(
      info.partitions.map((p) => [
        p.id,
        Object.keys(p.regions).filter((r) => !r.endsWith("-global")),
      ]),
    );
    assert.deepStrictEqual(REGIONS_BY_PARTITION, fromSdk);
    const described = Object.fromEntries(
      info.partitions.flatMap((p) =>
        Object.entries(p.regions as Record<string, { description?: string }>),
      ),
    );
    for (const [code, place] of Object.entries(REGION_PLACES)) {
      assert.ok(described[code]?.description?.includes(`(${place})`), `${code}: ${place}`);
    }
  });

  it("knows each region it lists", () => {
    for (const region of Object.values(REGIONS_BY_PARTITION).flat()) {
      assert.strictEqual(regionProblem(region), undefined, region);
    }
  });

  it("suggests close words only", () => {
    assert.strictEqual(closest("stratgies", ["strategies", "service"]), "strategies");
    assert.strictEqual(closest("zzzzzz", ["strategies", "service"]), undefined);
  });
});
