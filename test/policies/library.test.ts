import * as assert from "assert";
import {
  Policy,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import {
  REPORT_RULE_NAMES,
  RULE_AREAS,
  RULES,
  RuleLibraryError,
  RuleSelection,
  RuleSettings,
  selectRules,
} from "../../policies/library";
import { PACK_POLICIES } from "../../policies/pack";
import { AREA_OF_RULE } from "../../policies/policies";

const names = (policies: Policy[]) => policies.map((policy) => policy.name);
const ruleNames = (policies: Policy[]) =>
  names(policies).filter((name) => !REPORT_RULE_NAMES.includes(name));

/** The message of the RuleLibraryError `run` throws (fails when it throws nothing else). */
function libraryError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof RuleLibraryError, String(error));
    return error.message;
  }
  assert.fail("expected a RuleLibraryError");
}

/** Runs a resource rule on one resource; resolves to its messages. */
async function violations(
  policy: Policy,
  type: string,
  props: Record<string, unknown>,
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const messages: string[] = [];
  const validate = (policy as ResourceValidationPolicy).validateResource as ResourceValidation;
  const args = {
    type,
    props,
    urn: `urn:pulumi:test::p::${type}::r`,
    name: "r",
    getConfig: () => config,
  } as unknown as ResourceValidationArgs;
  await validate(args, (message) => messages.push(message));
  return messages;
}

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

describe("the rules as a library (policies/library.ts)", () => {
  it("serves, with no selection, exactly what the project's pack serves, in its order", () => {
    const level = (policies: Policy[]) => policies.map((p) => `${p.name}:${p.enforcementLevel}`);
    assert.deepStrictEqual(level(selectRules()), level(PACK_POLICIES));
  });

  it("gives every rule an area, and no area to a rule the pack does not have", () => {
    assert.deepStrictEqual(Object.keys(AREA_OF_RULE).sort(), RULES.map((rule) => rule.name).sort());
    for (const area of RULE_AREAS) {
      assert.ok(
        RULES.some((rule) => rule.area === area),
        `no rule in ${area}`,
      );
    }
    assert.ok(RULES.every((rule) => !REPORT_RULE_NAMES.includes(rule.name)));
  });

  it("lists each rule's config schema as served: its own settings plus suppressions", () => {
    const retention = RULES.find((rule) => rule.name === "log-group-retention");
    assert.deepStrictEqual(Object.keys(retention?.configSchema.properties ?? {}).sort(), [
      "allowTagSuppressions",
      "minimumDays",
      "suppressions",
    ]);
    assert.strictEqual(RULES.find((r) => r.name === "ecs-private-subnets")?.kind, "stack");
    assert.strictEqual(RULES.find((r) => r.name === "ecs-no-public-ip")?.kind, "resource");
  });

  it("takes a rule when it matches every criterion given, and any of a list of selections", () => {
    for (const area of RULE_AREAS) {
      assert.deepStrictEqual(
        ruleNames(selectRules({ areas: [area] })),
        RULES.filter((rule) => rule.area === area).map((rule) => rule.name),
      );
    }
    const advisoryNetworking = ruleNames(
      selectRules({ areas: ["private-networking"], enforcementLevels: ["advisory"] }),
    );
    assert.deepStrictEqual(
      advisoryNetworking,
      RULES.filter((r) => r.area === "private-networking" && r.enforcementLevel === "advisory").map(
        (r) => r.name,
      ),
    );
    assert.ok(advisoryNetworking.length > 0);
    const union: RuleSelection[] = [
      { names: ["log-group-retention", "ecs-init-process-enabled"] },
      { areas: ["init-process"] },
    ];
    assert.deepStrictEqual(names(selectRules(union)), [
      "ecs-init-process-enabled",
      "log-group-retention",
      ...REPORT_RULE_NAMES,
    ]);
  });

  it("sets levels awsguard-style: one for all, per rule, and disabled leaves a rule out", () => {
    const all = selectRules({ areas: ["init-process", "least-privilege"] }, "advisory");
    assert.ok(all.every((policy) => policy.enforcementLevel === "advisory"));
    const settings: RuleSettings = {
      all: "mandatory",
      "ecs-subnets-outside-stack": "disabled",
      "ecs-no-public-ip": { enforcementLevel: "advisory" },
    };
    const networking = selectRules({ areas: ["private-networking"] }, settings);
    const levels = Object.fromEntries(networking.map((p) => [p.name, p.enforcementLevel]));
    assert.strictEqual(levels["ecs-no-public-ip"], "advisory");
    assert.strictEqual(levels["security-group-world-ingress-unattached"], "mandatory");
    assert.ok(!("ecs-subnets-outside-stack" in levels));
    assert.deepStrictEqual(levels["policy-suppressions"], "advisory", "report rules stay advisory");
    assert.deepStrictEqual(
      selectRules(
        { names: ["ecs-init-process-enabled"] },
        { "ecs-init-process-enabled": "disabled" },
      ),
      [],
      "nothing served: no report rules either",
    );
  });

  it("makes config set in code the rule's default, under what the policy config sets", async () => {
    const [retention] = selectRules(
      { names: ["log-group-retention"] },
      { "log-group-retention": { minimumDays: 400 } },
    );
    assert.strictEqual(retention.configSchema?.properties?.minimumDays?.default, 400);
    const thirtyDays = { retentionInDays: 30 };
    assert.match((await violations(retention, LOG_GROUP, thirtyDays))[0], /under the required 400/);
    assert.deepStrictEqual(
      await violations(retention, LOG_GROUP, thirtyDays, { minimumDays: 7 }),
      [],
    );
    const [plain] = selectRules({ names: ["log-group-retention"] });
    assert.deepStrictEqual(await violations(plain, LOG_GROUP, thirtyDays), []);
  });

  it("honours suppressions set in code for a selected rule", async () => {
    const [retention] = selectRules(
      { names: ["log-group-retention"] },
      {
        "log-group-retention": {
          minimumDays: 400,
          suppressions: [{ resource: "r", reason: "archived to S3 nightly by the backup job" }],
        },
      },
    );
    assert.deepStrictEqual(await violations(retention, LOG_GROUP, { retentionInDays: 30 }), []);
  });

  it("names every unknown rule, area, level and key, with what is allowed", () => {
    const message = libraryError(() =>
      selectRules([
        { names: ["ecs-no-public-i"] },
        { areas: ["networking" as never], enforcementLevels: ["warn" as never] },
        { area: ["beyond"] } as RuleSelection,
      ]),
    );
    assert.match(
      message,
      /selection\[0\]\.names: "ecs-no-public-i" is not a rule of fargate-access \(did you mean "ecs-no-public-ip"\?\)/,
    );
    assert.match(
      message,
      /selection\[1\]\.areas: "networking" is not allowed; use "least-privilege", "init-process", "private-networking" or "beyond"/,
    );
    assert.match(
      message,
      /selection\[1\]\.enforcementLevels: "warn" is not allowed; use "mandatory" or "advisory"/,
    );
    assert.match(message, /selection\[2\]: unknown key "area" \(did you mean "areas"\?\)/);
    assert.doesNotMatch(message, /\n\s+at /, "no stack trace in the message");
  });

  it("refuses a selection that takes nothing, and empty lists", () => {
    assert.match(
      libraryError(() => selectRules({ areas: ["init-process"], enforcementLevels: ["advisory"] })),
      /takes no rule/,
    );
    assert.match(
      libraryError(() => selectRules({ names: [] })),
      /selection\.names: expected a non-empty list/,
    );
    assert.match(
      libraryError(() => selectRules([])),
      /an empty list takes no rule/,
    );
  });

  it("refuses settings for unknown or unselected rules, unknown keys, wrong values and levels", () => {
    const message = libraryError(() =>
      selectRules(
        { names: ["log-group-retention"] },
        {
          all: "remediate" as never,
          "ecs-no-public-ip": "advisory",
          "log-group-retentoin": "advisory",
          "log-group-retention": { minimumDay: 400, enforcementLevel: "off" as never },
        },
      ),
    );
    assert.match(
      message,
      /settings\.all: enforcement level "remediate" is not allowed; use "mandatory", "advisory" or "disabled"/,
    );
    assert.match(message, /settings\.ecs-no-public-ip: the selection does not take this rule/);
    assert.match(
      message,
      /settings: "log-group-retentoin" is not a rule of fargate-access \(did you mean "log-group-retention"\?\)/,
    );
    assert.match(
      message,
      /settings\.log-group-retention: "minimumDay" is not a setting of this rule \(did you mean "minimumDays"\?\)/,
    );
    assert.match(
      message,
      /settings\.log-group-retention\.enforcementLevel: enforcement level "off"/,
    );
    assert.match(
      libraryError(() =>
        selectRules(
          { names: ["log-group-retention"] },
          { "log-group-retention": { minimumDays: "30" } },
        ),
      ),
      /settings\.log-group-retention\.minimumDays: expected integer, got "30"/,
    );
    assert.match(
      libraryError(() =>
        selectRules(
          { names: ["log-group-retention"] },
          { "log-group-retention": { minimumDays: 0 } },
        ),
      ),
      /minimumDays: 0 is under the minimum 1/,
    );
  });
});
