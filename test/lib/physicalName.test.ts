import * as assert from "assert";
import { NAME_RULES, physicalName, stackResourceName } from "../../lib/physicalName";
import { plan, stackConfig } from "../helpers/offlinePlan";

/**
 * What AWS accepts, per resource type and name input, written out independently of NAME_RULES
 * (each from the API reference of the create call: "Length Constraints" and "Pattern").
 */
const AWS_NAME_LIMITS: Record<
  string,
  { input: string; pattern: RegExp; min?: number; max: number }
> = {
  "aws:ecs/taskDefinition:TaskDefinition": {
    input: "family",
    pattern: /^[A-Za-z0-9_-]+$/,
    max: 255,
  },
  "aws:ecs/cluster:Cluster": { input: "name", pattern: /^[A-Za-z0-9_-]+$/, max: 255 },
  "aws:ecs/service:Service": { input: "name", pattern: /^[A-Za-z0-9_-]+$/, max: 255 },
  "aws:cloudwatch/logGroup:LogGroup": { input: "name", pattern: /^[.\-_/#A-Za-z0-9]+$/, max: 512 },
  "aws:lambda/function:Function": { input: "name", pattern: /^[A-Za-z0-9_-]+$/, max: 64 },
  "aws:sfn/stateMachine:StateMachine": { input: "name", pattern: /^[A-Za-z0-9_-]+$/, max: 80 },
  "aws:iam/role:Role": { input: "name", pattern: /^[\w+=,.@-]+$/, max: 64 },
  "aws:cloudwatch/eventRule:EventRule": { input: "name", pattern: /^[.\-_A-Za-z0-9]+$/, max: 64 },
  "aws:sqs/queue:Queue": { input: "name", pattern: /^[A-Za-z0-9_-]+$/, max: 80 },
  "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": {
    input: "ecrRepositoryPrefix",
    pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    min: 2,
    max: 30,
  },
};

/** Role `namePrefix`: the provider adds a 26-character suffix to fit IAM's 64 (so 38 at most). */
const ROLE_PREFIX = { pattern: /^[\w+=,.@-]+$/, max: 38 };

/** Pulumi stack names: letters, digits, `-`, `_`, `.`, at most 100 (Pulumi docs, "Stacks"). */
const PULUMI_STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const HARD_STACK_NAMES = [
  "dev",
  "feature.login-page",
  "Prod_EU.1",
  "a".repeat(100),
  `pr-1234.${"x".repeat(60)}.preview`,
  "...dots..",
];

function assertFits(type: string, value: unknown, context: string) {
  const limit = AWS_NAME_LIMITS[type];
  const name = String(value);
  assert.match(name, limit.pattern, `${context}: ${type} ${limit.input} ${name}`);
  assert.ok(name.length <= limit.max, `${context}: ${name} is ${name.length} > ${limit.max}`);
  assert.ok(name.length >= (limit.min ?? 1), `${context}: ${name} too short`);
}

describe("physical names", () => {
  it("test stack names are valid Pulumi stack names", () => {
    for (const stack of HARD_STACK_NAMES) assert.match(stack, PULUMI_STACK_NAME);
  });

  it("keep short names readable and unchanged", () => {
    assert.strictEqual(
      stackResourceName("fargate-access", "dev", NAME_RULES.ecs),
      "fargate-access-dev",
    );
    assert.strictEqual(
      stackResourceName("fargate-access", "feature.login", NAME_RULES.ecs),
      "fargate-access-feature-login",
    );
  });

  it("cut long names with a hash, so stacks sharing a long prefix still differ", () => {
    const a = stackResourceName(
      "fargate-access",
      `${"x".repeat(80)}-a`,
      NAME_RULES.lambdaFunction,
      "ssm-cleanup",
    );
    const b = stackResourceName(
      "fargate-access",
      `${"x".repeat(80)}-b`,
      NAME_RULES.lambdaFunction,
      "ssm-cleanup",
    );
    assert.notStrictEqual(a, b);
    assert.ok(a.length <= 64 && b.length <= 64);
    assert.match(a, /^fargate-access-x+-[0-9a-f]{8}$/);
  });

  it("fit AWS for every named resource the program creates, for any valid stack name", async () => {
    // ecsExec and sessionManager cannot be selected together: two runs cover every strategy.
    const strategySets = [
      ["ecsExec", "stepFunctions"],
      ["sessionManager", "stepFunctions"],
    ];
    for (const [stack, strategies] of HARD_STACK_NAMES.flatMap((s) =>
      strategySets.map((set) => [s, set] as const),
    )) {
      const run = await plan(
        stackConfig({
          "fargate-access:strategies": strategies,
          "fargate-access:ecsExec": { operatorPrincipals: ["arn:aws:iam::123456789012:role/ops"] },
          "fargate-access:service": {
            image: "public.ecr.aws/docker/library/alpine:3.20",
            pullThroughCache: true,
            command: ["crond", "-f"],
          },
        }),
        stack,
      );
      let checked = 0;
      for (const resource of run.resources) {
        const limit = AWS_NAME_LIMITS[resource.type];
        const value = limit && resource.inputs[limit.input];
        if (value !== undefined && limit) {
          assertFits(resource.type, value, `stack ${stack}`);
          checked++;
        }
      }
      assert.ok(checked >= 7, `only ${checked} named resources checked`);
      // Roles of the shared workload and of ECS Exec / Step Functions (Session Manager's own
      // roles are left to Pulumi's auto-naming, which is always valid).
      const roles = run.resources.filter(
        (r) => r.type === "aws:iam/role:Role" && !r.name.startsWith("session-manager"),
      );
      assert.ok(roles.length >= 3, `${strategies.join(", ")}: ${roles.length} roles`);
      for (const role of roles) {
        const prefix = String(role.inputs.namePrefix);
        assert.match(prefix, ROLE_PREFIX.pattern, `${role.name}: ${prefix}`);
        assert.ok(prefix.length <= ROLE_PREFIX.max, `${role.name}: ${prefix} (${prefix.length})`);
        assert.ok(prefix.startsWith("fargate-access-"), `${role.name}: ${prefix}`);
      }
    }
  });

  it("every rule yields a name AWS accepts from hostile parts", () => {
    for (const [type, rule] of [
      ["aws:ecs/cluster:Cluster", NAME_RULES.ecs],
      ["aws:lambda/function:Function", NAME_RULES.lambdaFunction],
      ["aws:sfn/stateMachine:StateMachine", NAME_RULES.stateMachine],
      ["aws:ecr/pullThroughCacheRule:PullThroughCacheRule", NAME_RULES.ecrRepositoryPrefix],
      ["aws:cloudwatch/eventRule:EventRule", NAME_RULES.eventsRule],
      ["aws:iam/role:Role", NAME_RULES.iamRole],
    ] as const) {
      for (const stack of HARD_STACK_NAMES) {
        assertFits(type, physicalName(["Fargate-Access", stack, "public"], rule), stack);
      }
    }
  });
});
