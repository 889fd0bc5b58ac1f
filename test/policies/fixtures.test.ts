import * as assert from "assert";
import { declareCase } from "./coverage";
import { COMMAND_ALLOW_LIST_FIXTURES } from "./fixtures/commandAllowList";
import { CONTAINER_SECRET_FIXTURES } from "./fixtures/containerSecrets";
import { CONTAINER_FIXTURES } from "./fixtures/containers";
import { ECS_EXEC_FIXTURES } from "./fixtures/ecsExec";
import { FIRST_PREVIEW_FIXTURES } from "./fixtures/firstPreview";
import { GRANTS_EVERYWHERE_FIXTURES } from "./fixtures/grantsEverywhere";
import { HOST_ESCAPE_FIXTURES } from "./fixtures/hostEscapes";
import { IAM_SEMANTICS_FIXTURES } from "./fixtures/iamSemantics";
import { INIT_PROCESS_FIXTURES } from "./fixtures/initProcess";
import { PRIVILEGE_ESCALATION_FIXTURES } from "./fixtures/privilegeEscalation";
import { RESOURCE_POLICY_FIXTURES } from "./fixtures/resourcePolicies";
import { TEMPLATE_BODY_FIXTURES } from "./fixtures/templateBodies";
import { TRUST_FIXTURES } from "./fixtures/trust";
import { TASK_ROLE_FIXTURES } from "./fixtures/taskRoles";
import { LAUNCHER_FIXTURES } from "./fixtures/launchers";
import { EXEC_KEY_FIXTURES, EXEC_LOGGING_FIXTURES } from "./fixtures/execAudit";
import { EXPOSURE_FIXTURES } from "./fixtures/exposures";
import { INPUT_TIMEOUT_FIXTURES } from "./fixtures/inputTimeouts";
import { LOG_RETENTION_FIXTURES } from "./fixtures/logRetention";
import { SECURITY_GROUP_FIXTURES, SUBNET_MODEL_FIXTURES } from "./fixtures/networkModel";
import { NETWORKING_FIXTURES } from "./fixtures/networking";
import { OBSERVABILITY_FIXTURES } from "./fixtures/observability";
import { Fixture, judge } from "./judge";

const ALL_FIXTURES: Fixture[] = [
  ...NETWORKING_FIXTURES,
  ...ECS_EXEC_FIXTURES,
  ...CONTAINER_FIXTURES,
  ...CONTAINER_SECRET_FIXTURES,
  ...HOST_ESCAPE_FIXTURES,
  ...INIT_PROCESS_FIXTURES,
  ...OBSERVABILITY_FIXTURES,
  ...COMMAND_ALLOW_LIST_FIXTURES,
  ...FIRST_PREVIEW_FIXTURES,
  ...PRIVILEGE_ESCALATION_FIXTURES,
  ...TRUST_FIXTURES,
  ...TASK_ROLE_FIXTURES,
  ...LAUNCHER_FIXTURES,
  ...RESOURCE_POLICY_FIXTURES,
  ...IAM_SEMANTICS_FIXTURES,
  ...EXPOSURE_FIXTURES,
  ...SUBNET_MODEL_FIXTURES,
  ...SECURITY_GROUP_FIXTURES,
  ...INPUT_TIMEOUT_FIXTURES,
  ...EXEC_LOGGING_FIXTURES,
  ...EXEC_KEY_FIXTURES,
  ...LOG_RETENTION_FIXTURES,
  ...GRANTS_EVERYWHERE_FIXTURES,
  ...TEMPLATE_BODY_FIXTURES,
];

function matches(expected: string | RegExp, actual: string): boolean {
  return typeof expected === "string" ? expected === actual : expected.test(actual);
}

describe("policy rules: Checkov-style fixtures (pass and fail side by side)", () => {
  const byPolicy = new Map<string, Fixture[]>();
  for (const fixture of ALL_FIXTURES) {
    byPolicy.set(fixture.policy.name, [...(byPolicy.get(fixture.policy.name) ?? []), fixture]);
  }
  for (const [policyName, fixtures] of byPolicy) {
    describe(policyName, () => {
      for (const fixture of fixtures) {
        const outcome = fixture.expect.length === 0 ? "pass" : "fail";
        declareCase(policyName, outcome);
        it(`${outcome}: ${fixture.title}`, async () => {
          const { violations, undecided } = await judge(
            fixture.policy,
            fixture.resources,
            fixture.config,
          );
          assert.strictEqual(
            violations.length,
            fixture.expect.length,
            `expected ${fixture.expect.length} violation(s), got:\n${violations.join("\n") || "(none)"}`,
          );
          fixture.expect.forEach((expected, index) =>
            assert.ok(
              matches(expected, violations[index]),
              `violation ${index}:\n  got:      ${violations[index]}\n  expected: ${expected}`,
            ),
          );
          if (fixture.undecided) {
            assert.match(undecided ?? "(judged everything)", fixture.undecided);
          } else {
            assert.strictEqual(undecided, undefined, "judged everything");
          }
        });
      }
    });
  }
});
