import * as assert from "assert";
import { parseConfigValue } from "../../config/read";
import { RawConfig } from "../../config/types";
import { ConfigError, validateConfig } from "../../config/validate";

const IMAGE = "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app@sha256:" + "a".repeat(64);
const minimal: RawConfig = { strategies: ["ecsExec"], service: { image: IMAGE } };
const EXISTING = { mode: "existing", vpcId: "vpc-0123abcd", privateSubnetIds: ["subnet-0123abcd"] };

function problemsOf(raw: RawConfig): readonly string[] {
  try {
    validateConfig(raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail("expected the config to be rejected");
}

describe("validateConfig", () => {
  it("fills every default from a minimal config", () => {
    const { config, warnings } = validateConfig(minimal);
    assert.deepStrictEqual(warnings, []);
    assert.deepStrictEqual(config.network, {
      mode: "create",
      cidrBlock: "10.0.0.0/16",
      availabilityZones: 2,
      natGateways: "none",
      vpcEndpoints: true,
    });
    assert.strictEqual(config.logRetentionDays, 30);
    assert.deepStrictEqual(
      { ...config.service, image: undefined },
      {
        image: undefined,
        pullThroughCache: false,
        containerName: "app",
        cpu: 256,
        memory: 512,
        desiredCount: 1,
        cpuArchitecture: "X86_64",
        capacityProvider: "FARGATE",
      },
    );
    assert.deepStrictEqual(config.ecsExec, {
      logging: "override",
      kmsKey: "create",
      operatorPrincipals: [],
      requireSourceIdentity: true,
      requireMfa: false,
    });
    assert.deepStrictEqual(config.sessionManager, {
      instanceTier: "advanced",
      activationExpiryHours: 24,
      cleanupSchedule: "rate(1 hour)",
      operatorPrincipals: [],
      requireSourceIdentity: true,
      requireMfa: false,
      resetTierOnDestroy: false,
      operatorSudo: false,
      scopeHeartbeatToStackTag: true,
      staleAfterHours: 0,
    });
    assert.deepStrictEqual(config.stepFunctions, {
      timeoutSeconds: 3600,
      includeExecutionData: true,
      operatorPrincipals: [],
      requireSourceIdentity: true,
      requireMfa: false,
      allowedCommands: [],
    });
    assert.strictEqual(config.productionLike, false);
  });

  // lib/productionLike.ts: a stack named prod/production (alone or with a -, _ or . suffix, any
  // case) is production-like unless fargate-access:productionLike says otherwise; MFA follows.
  for (const [stack, productionLike] of [
    ["prod", true],
    ["Production", true],
    ["prod-eu", true],
    ["production.2", true],
    ["prod_blue", true],
    ["dev", false],
    ["preprod", false],
    ["product", false],
    ["prodx", false],
    [undefined, false],
  ] as const) {
    it(`stack ${String(stack)}: production-like ${productionLike}, requireMfa follows`, () => {
      const { config } = validateConfig(minimal, { stack });
      assert.strictEqual(config.productionLike, productionLike);
      assert.strictEqual(config.ecsExec.requireMfa, productionLike);
      assert.strictEqual(config.stepFunctions.requireMfa, productionLike);
      assert.strictEqual(config.sessionManager.requireMfa, productionLike);
    });
  }

  it("productionLike overrides the stack name, and requireMfa overrides productionLike", () => {
    const off = validateConfig({ ...minimal, productionLike: false }, { stack: "prod" }).config;
    assert.deepStrictEqual([off.productionLike, off.ecsExec.requireMfa], [false, false]);
    const on = validateConfig(
      { ...minimal, productionLike: true, stepFunctions: { requireMfa: false } },
      { stack: "dev" },
    ).config;
    assert.deepStrictEqual(
      [on.productionLike, on.ecsExec.requireMfa, on.stepFunctions.requireMfa],
      [true, true, false],
    );
    const noIdentity = validateConfig({ ...minimal, ecsExec: { requireSourceIdentity: false } })
      .config.ecsExec;
    assert.strictEqual(noIdentity.requireSourceIdentity, false);
  });

  it("warns when MFA is required of roles or accounts (their own session must carry it)", () => {
    const principals = [
      "arn:aws:iam::123456789012:user/alice",
      "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Ops_0123",
      "arn:aws:iam::123456789012:role/oncall",
    ];
    const raw = { ...minimal, ecsExec: { operatorPrincipals: principals } };
    const prod = validateConfig(raw, { stack: "prod" }).warnings;
    assert.deepStrictEqual(
      prod.filter((w) => w.includes("requireMfa")).map((w) => w.split(";")[0]),
      [
        "fargate-access:ecsExec.operatorPrincipals: arn:aws:iam::123456789012:role/oncall is a role or an account",
      ],
    );
    assert.ok(
      !validateConfig(raw, { stack: "dev" }).warnings.some((w) => w.includes("requireMfa")),
    );
  });

  it("names the key and the value of a productionLike or requireMfa that is not a boolean", () => {
    assert.throws(
      () => validateConfig({ ...minimal, productionLike: "yes", ecsExec: { requireMfa: "on" } }),
      (error: Error) =>
        /fargate-access:productionLike: "yes" is not allowed; use true or false/.test(
          error.message,
        ) &&
        /fargate-access:ecsExec\.requireMfa: "on" is not allowed; use true or false/.test(
          error.message,
        ),
    );
  });

  it("orders strategies canonically whatever the config order", () => {
    const { config } = validateConfig({ ...minimal, strategies: ["stepFunctions", "ecsExec"] });
    assert.deepStrictEqual(config.strategies, ["ecsExec", "stepFunctions"]);
  });

  it("accepts the cleanup's alarm topic, reserved concurrency and stale-instance hours", () => {
    const { config } = validateConfig({
      ...minimal,
      sessionManager: {
        alarmTopicArn: "arn:aws:sns:ap-northeast-1:123456789012:oncall",
        reservedConcurrency: 2,
        staleAfterHours: 24,
      },
    });
    assert.strictEqual(
      config.sessionManager.alarmTopicArn,
      "arn:aws:sns:ap-northeast-1:123456789012:oncall",
    );
    assert.strictEqual(config.sessionManager.reservedConcurrency, 2);
    assert.strictEqual(config.sessionManager.staleAfterHours, 24);
  });

  it("accepts an existing VPC, an existing key ARN and operators", () => {
    const { config } = validateConfig({
      ...minimal,
      network: { mode: "existing", vpcId: "vpc-0123abcd", privateSubnetIds: ["subnet-0123abcd"] },
      ecsExec: {
        kmsKey: "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        operatorPrincipals: ["arn:aws:iam::123456789012:role/oncall"],
      },
    });
    assert.deepStrictEqual(config.network, {
      mode: "existing",
      vpcId: "vpc-0123abcd",
      privateSubnetIds: ["subnet-0123abcd"],
      vpcEndpoints: false,
      existingEndpointServices: [],
    });
    assert.deepStrictEqual(config.ecsExec.kmsKey, {
      arn: "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    });
  });

  // Each case: a config mistake, the key the error must name, and a fragment of the advice.
  const badConfigs: [string, RawConfig, string, string][] = [
    [
      "missing strategies",
      { service: { image: IMAGE } },
      "fargate-access:strategies",
      "is required",
    ],
    [
      "empty strategy list",
      { ...minimal, strategies: [] },
      "fargate-access:strategies",
      "non-empty list",
    ],
    ["unknown strategy", { ...minimal, strategies: ["ssh"] }, "fargate-access:strategies", '"ssh"'],
    [
      "strategy as a bare word",
      { ...minimal, strategies: "ecsExec" },
      "fargate-access:strategies",
      "non-empty list",
    ],
    [
      "duplicate strategy",
      { ...minimal, strategies: ["ecsExec", "ecsExec"] },
      "fargate-access:strategies",
      "listed twice",
    ],
    [
      "no route to AWS",
      { ...minimal, network: { natGateways: "none", vpcEndpoints: false } },
      "fargate-access:network.vpcEndpoints",
      "no route",
    ],
    [
      "unknown NAT option",
      { ...minimal, network: { natGateways: "two" } },
      "fargate-access:network.natGateways",
      "none, single, onePerAz",
    ],
    [
      "bad CIDR",
      { ...minimal, network: { cidrBlock: "10.0.0.0/8" } },
      "fargate-access:network.cidrBlock",
      "/16 to /24",
    ],
    [
      "too many AZs",
      { ...minimal, network: { availabilityZones: 9 } },
      "fargate-access:network.availabilityZones",
      "1 to 6",
    ],
    [
      "existing without subnets",
      { ...minimal, network: { mode: "existing", vpcId: "vpc-0123abcd" } },
      "fargate-access:network.privateSubnetIds",
      "is required",
    ],
    [
      "existing without VPC",
      { ...minimal, network: { mode: "existing", privateSubnetIds: ["subnet-0123abcd"] } },
      "fargate-access:network.vpcId",
      "is required",
    ],
    [
      "existing with NAT",
      {
        ...minimal,
        network: {
          mode: "existing",
          vpcId: "vpc-0123abcd",
          privateSubnetIds: ["subnet-0123abcd"],
          natGateways: "single",
        },
      },
      "fargate-access:network.natGateways",
      "mode: existing",
    ],
    [
      "subnets in create mode",
      { ...minimal, network: { privateSubnetIds: ["subnet-0123abcd"] } },
      "fargate-access:network.privateSubnetIds",
      "mode: create",
    ],
    [
      "bad subnet id",
      {
        ...minimal,
        network: { mode: "existing", vpcId: "vpc-0123abcd", privateSubnetIds: ["sn-1"] },
      },
      "fargate-access:network.privateSubnetIds",
      '"sn-1"',
    ],
    [
      "unknown network mode",
      { ...minimal, network: { mode: "shared" } },
      "fargate-access:network.mode",
      "create, existing",
    ],
    [
      "typo in a key",
      { ...minimal, network: { natGateway: "single" } },
      "fargate-access:network.natGateway",
      "unknown key",
    ],
    [
      "network not a map",
      { ...minimal, network: "create" },
      "fargate-access:network",
      "map of keys",
    ],
    ["no image", { strategies: ["ecsExec"] }, "fargate-access:service.image", "is required"],
    [
      "image and build",
      { ...minimal, service: { image: IMAGE, build: { context: "container" } } },
      "fargate-access:service.build",
      "conflicts",
    ],
    [
      "invalid cpu",
      { ...minimal, service: { image: IMAGE, cpu: 300 } },
      "fargate-access:service.cpu",
      "256, 512",
    ],
    [
      "invalid cpu/memory pair",
      { ...minimal, service: { image: IMAGE, cpu: 256, memory: 4096 } },
      "fargate-access:service.memory",
      "512, 1024, 2048",
    ],
    [
      "memory step",
      { ...minimal, service: { image: IMAGE, cpu: 1024, memory: 2500 } },
      "fargate-access:service.memory",
      "2048 to 8192 in steps of 1024",
    ],
    [
      "ARM64 on Spot",
      {
        ...minimal,
        service: { image: IMAGE, cpuArchitecture: "ARM64", capacityProvider: "FARGATE_SPOT" },
      },
      "fargate-access:service.capacityProvider",
      "ARM64",
    ],
    [
      "empty command",
      { ...minimal, service: { image: IMAGE, command: [] } },
      "fargate-access:service.command",
      "non-empty list",
    ],
    [
      "negative desired count",
      { ...minimal, service: { image: IMAGE, desiredCount: -1 } },
      "fargate-access:service.desiredCount",
      "0 to 100",
    ],
    [
      "bad container name",
      { ...minimal, service: { image: IMAGE, containerName: "my app" } },
      "fargate-access:service.containerName",
      "letters, digits",
    ],
    [
      "bad exec logging",
      { ...minimal, ecsExec: { logging: "s3" } },
      "fargate-access:ecsExec.logging",
      "none, default, override",
    ],
    [
      "bad KMS key",
      { ...minimal, ecsExec: { kmsKey: "alias/mine" } },
      "fargate-access:ecsExec.kmsKey",
      "create, none",
    ],
    [
      "wildcard operator",
      { ...minimal, ecsExec: { operatorPrincipals: ["*"] } },
      "fargate-access:ecsExec.operatorPrincipals",
      "no wildcards",
    ],
    [
      "standard tier",
      { ...minimal, sessionManager: { instanceTier: "standard" } },
      "fargate-access:sessionManager.instanceTier",
      "advanced tier",
    ],
    [
      "expiry too long",
      { ...minimal, sessionManager: { activationExpiryHours: 1000 } },
      "fargate-access:sessionManager.activationExpiryHours",
      "1 to 720",
    ],
    [
      "bad schedule",
      { ...minimal, sessionManager: { cleanupSchedule: "rate(1 hours)" } },
      "fargate-access:sessionManager.cleanupSchedule",
      "rate(N",
    ],
    [
      "alarm topic that is not an SNS topic ARN",
      {
        ...minimal,
        sessionManager: { alarmTopicArn: "arn:aws:sqs:ap-northeast-1:123456789012:q" },
      },
      "fargate-access:sessionManager.alarmTopicArn",
      "an SNS topic ARN",
    ],
    [
      "reserved concurrency of 0",
      { ...minimal, sessionManager: { reservedConcurrency: 0 } },
      "fargate-access:sessionManager.reservedConcurrency",
      "1 to 1000",
    ],
    [
      "negative staleAfterHours",
      { ...minimal, sessionManager: { staleAfterHours: -1 } },
      "fargate-access:sessionManager.staleAfterHours",
      "0 to 8760",
    ],
    [
      "ecsExec with sessionManager (two SSM agents in one container)",
      {
        ...minimal,
        strategies: ["ecsExec", "sessionManager"],
        service: { image: IMAGE, command: ["crond", "-f"] },
      },
      "fargate-access:strategies",
      "fixed IPC folder /var/lib/amazon/ssm/ipc",
    ],
    [
      "sessionManager without a command",
      { ...minimal, strategies: ["sessionManager"] },
      "fargate-access:service.command",
      "is required when sessionManager is selected",
    ],
    [
      "timeout too short",
      { ...minimal, stepFunctions: { timeoutSeconds: 5 } },
      "fargate-access:stepFunctions.timeoutSeconds",
      "60 to 86400",
    ],
    [
      "execution data not boolean",
      { ...minimal, stepFunctions: { includeExecutionData: "yes" } },
      "fargate-access:stepFunctions.includeExecutionData",
      "true or false",
    ],
    [
      "bad retention",
      { ...minimal, logRetentionDays: 10 },
      "fargate-access:logRetentionDays",
      "7, 14, 30",
    ],
    [
      "unknown top-level key",
      { ...minimal, strategy: ["ecsExec"] } as RawConfig,
      "fargate-access:strategy",
      "unknown key. Did you mean strategies?",
    ],
    [
      "misspelt top-level key",
      { ...minimal, logRetentionDay: 30 } as RawConfig,
      "fargate-access:logRetentionDay",
      "Did you mean logRetentionDays?",
    ],
    [
      "misspelt nested key",
      { ...minimal, service: { image: IMAGE, buid: { context: "container" } } },
      "fargate-access:service.buid",
      "Did you mean build?",
    ],
    [
      "misspelt price key",
      { ...minimal, cost: { prices: { natGatewayHours: 0.05 } } },
      "fargate-access:cost.prices.natGatewayHours",
      "Did you mean natGatewayHour?",
    ],
    [
      "a cron expression with five fields (crontab style)",
      { ...minimal, sessionManager: { cleanupSchedule: "cron(0 * * * *)" } },
      "fargate-access:sessionManager.cleanupSchedule",
      "six fields",
    ],
    [
      "a cron expression with no ? in day-of-month or day-of-week",
      { ...minimal, sessionManager: { cleanupSchedule: "cron(0 3 * * * *)" } },
      "fargate-access:sessionManager.cleanupSchedule",
      "? in day-of-month or day-of-week",
    ],
    [
      "a misspelt existing endpoint service",
      { ...minimal, network: { ...EXISTING, existingEndpointServices: ["logs", "ssmmesages"] } },
      "fargate-access:network.existingEndpointServices",
      '"ssmmesages" is not an endpoint service this stack creates. Did you mean ssmmessages? Use any of ec2messages, ecr.api, ecr.dkr, kms, logs, s3, ssm, ssmmessages.',
    ],
    [
      "an existing endpoint service written as EC2's full service name",
      {
        ...minimal,
        network: { ...EXISTING, existingEndpointServices: ["com.amazonaws.ap-northeast-1.ssm"] },
      },
      "fargate-access:network.existingEndpointServices",
      'is not an endpoint service this stack creates. Write the short name "ssm".',
    ],
    [
      "an endpoint service the stack never creates",
      { ...minimal, network: { ...EXISTING, existingEndpointServices: ["secretsmanager"] } },
      "fargate-access:network.existingEndpointServices",
      '"secretsmanager" is not an endpoint service this stack creates. Use any of',
    ],
    [
      "an existing endpoint service listed twice",
      { ...minimal, network: { ...EXISTING, existingEndpointServices: ["s3", "s3"] } },
      "fargate-access:network.existingEndpointServices",
      '"s3" listed twice',
    ],
    [
      "an image repository with upper-case letters",
      {
        ...minimal,
        service: { image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/MyApp:1.0" },
      },
      "fargate-access:service.image",
      'Use "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/myapp:1.0"',
    ],
    [
      "an image digest that is not sha256 of 64 hex characters",
      { ...minimal, service: { image: "app@sha256:abc" } },
      "fargate-access:service.image",
      "ECS takes only sha256: followed by exactly 64 hex characters",
    ],
    [
      "a loopback VPC CIDR",
      { ...minimal, network: { cidrBlock: "127.0.0.0/16" } },
      "fargate-access:network.cidrBlock",
      "lies in 127.0.0.0/8, loopback",
    ],
    [
      "a link-local VPC CIDR (where the VPC serves metadata and DNS)",
      { ...minimal, network: { cidrBlock: "169.254.0.0/16" } },
      "fargate-access:network.cidrBlock",
      "link-local",
    ],
    [
      "a multicast VPC CIDR",
      { ...minimal, network: { cidrBlock: "224.1.0.0/16" } },
      "fargate-access:network.cidrBlock",
      "multicast",
    ],
    [
      "a VPC CIDR in 0.0.0.0/8",
      { ...minimal, network: { cidrBlock: "0.0.0.0/16" } },
      "fargate-access:network.cidrBlock",
      "Use a private range",
    ],
    [
      "a VPC whose task subnets cannot hold the endpoints and a deployment",
      {
        ...minimal,
        service: { image: IMAGE, desiredCount: 3 },
        network: { cidrBlock: "10.0.0.0/24", availabilityZones: 6, natGateways: "single" },
      },
      "fargate-access:network.cidrBlock",
      "gives each task subnet a /28: 11 usable addresses",
    ],
    [
      "a private subnet listed twice",
      {
        ...minimal,
        network: { ...EXISTING, privateSubnetIds: ["subnet-0123abcd", "subnet-0123abcd"] },
      },
      "fargate-access:network.privateSubnetIds",
      '"subnet-0123abcd" listed twice; list each once.',
    ],
    [
      "an operator principal listed twice",
      {
        ...minimal,
        ecsExec: {
          operatorPrincipals: [
            "arn:aws:iam::123456789012:role/ops",
            "arn:aws:iam::123456789012:role/ops",
          ],
        },
      },
      "fargate-access:ecsExec.operatorPrincipals",
      "listed twice",
    ],
    [
      "a VPC CIDR with host bits set",
      { ...minimal, network: { cidrBlock: "10.0.0.1/16" } },
      "fargate-access:network.cidrBlock",
      "AWS would create 10.0.0.0/16 instead",
    ],
  ];

  for (const [title, raw, key, advice] of badConfigs) {
    it(`rejects ${title}, naming ${key}`, () => {
      const problems = problemsOf(raw);
      assert.strictEqual(problems.length, 1, `expected one problem, got:\n${problems.join("\n")}`);
      assert.ok(problems[0].startsWith(`${key}: `), problems[0]);
      assert.ok(problems[0].includes(advice), `"${problems[0]}" should mention "${advice}"`);
    });
  }

  it("reports every problem of a config at once", () => {
    const problems = problemsOf({
      strategies: ["ssh"],
      service: { image: IMAGE, cpu: 3 },
      logRetentionDays: 2,
    });
    assert.strictEqual(problems.length, 3, problems.join("\n"));
  });

  it("warns about a section of a strategy that is not selected, naming the selected ones", () => {
    const { warnings } = validateConfig({
      ...minimal,
      sessionManager: { instanceTier: "advanced" },
    });
    assert.deepStrictEqual(warnings, [
      "fargate-access:sessionManager is set, but sessionManager is not selected (fargate-access:strategies: [ecsExec]), so the section is ignored; add sessionManager to fargate-access:strategies, or remove the section.",
    ]);
  });

  it("warns that desiredCount 0 leaves a shell strategy no task, naming what still works", () => {
    const execOnly = validateConfig({ ...minimal, service: { image: IMAGE, desiredCount: 0 } });
    assert.deepStrictEqual(execOnly.warnings, [
      "fargate-access:service.desiredCount: 0 keeps no task running, so ecsExec has no container to open a shell in: npm run shell and the printed commands would find no task. Set desiredCount to 1 or more while operators need a shell.",
    ]);
    const withRunTask = validateConfig({
      strategies: ["sessionManager", "stepFunctions"],
      service: { build: { context: "container" }, command: ["sh"], desiredCount: 0 },
    });
    assert.deepStrictEqual(withRunTask.warnings, [
      "fargate-access:service.desiredCount: 0 keeps no task running, so sessionManager has no container to open a shell in: npm run shell and the printed commands would find no task (stepFunctions starts a task of its own and works at 0). Set desiredCount to 1 or more while operators need a shell.",
    ]);
  });

  it("accepts desiredCount 0 without a word when only run-task strategies are selected", () => {
    const { warnings } = validateConfig({
      strategies: ["stepFunctions"],
      service: { image: IMAGE, desiredCount: 0 },
    });
    assert.deepStrictEqual(warnings, []);
  });

  it("lets a command repeat an argument (an argv is not a set)", () => {
    const { config } = validateConfig({
      ...minimal,
      service: { image: IMAGE, command: ["sh", "-c", "echo a", "sh"] },
    });
    assert.deepStrictEqual(config.service.command, ["sh", "-c", "echo a", "sh"]);
  });

  it("reminds that a sessionManager image must carry the entry point, unless it is built here", () => {
    const withImage = validateConfig({
      strategies: ["sessionManager"],
      service: { image: IMAGE, command: ["crond", "-n"] },
    });
    assert.strictEqual(withImage.warnings.length, 1);
    assert.match(withImage.warnings[0], /must be built from container\/Dockerfile/);
    const built = validateConfig({
      strategies: ["sessionManager"],
      service: { build: { context: "container" }, command: ["crond", "-n"] },
    });
    assert.deepStrictEqual(built.warnings, []);
  });

  it("warns that a public VPC CIDR shadows the internet hosts that own it; private ranges pass", () => {
    const warningsFor = (cidrBlock: string) =>
      validateConfig({ ...minimal, network: { cidrBlock } }).warnings;
    const [publicWarning, ...others] = warningsFor("52.0.0.0/16");
    assert.deepStrictEqual(others, []);
    assert.match(
      publicWarning,
      /^fargate-access:network\.cidrBlock: "52\.0\.0\.0\/16" is publicly routable/,
    );
    for (const cidrBlock of ["10.1.0.0/16", "172.31.0.0/16", "192.168.0.0/20", "100.64.0.0/16"]) {
      assert.deepStrictEqual(warningsFor(cidrBlock), [], cidrBlock);
    }
    // 172.32.0.0 is just outside 172.16.0.0/12.
    assert.strictEqual(warningsFor("172.32.0.0/16").length, 1);
  });

  it("warns when a small VPC over many zones leaves task subnets almost full", () => {
    // 10.0.0.0/24 over 6 AZs with NAT: /27 per AZ, /28 per subnet (awsx Auto), 11 usable.
    const { warnings } = validateConfig({
      ...minimal,
      network: { cidrBlock: "10.0.0.0/24", availabilityZones: 6, natGateways: "single" },
    });
    assert.strictEqual(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /gives each task subnet a \/28: 11 usable addresses/);
    assert.match(warnings[0], /leaves \d+ spare/);
    // Without NAT the one isolated subnet per AZ is a /27: 27 usable, no warning.
    const isolated = validateConfig({
      ...minimal,
      network: { cidrBlock: "10.0.0.0/24", availabilityZones: 6 },
    });
    assert.deepStrictEqual(isolated.warnings, []);
  });
});

describe("parseConfigValue", () => {
  it("parses JSON and keeps bare words as strings", () => {
    assert.deepStrictEqual(parseConfigValue('["ecsExec"]'), ["ecsExec"]);
    assert.strictEqual(parseConfigValue("365"), 365);
    assert.strictEqual(parseConfigValue("ecsExec"), "ecsExec");
    assert.strictEqual(parseConfigValue(undefined), undefined);
  });
});
