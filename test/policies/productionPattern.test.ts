import * as assert from "assert";
import { DEFAULT_PRODUCTION_STACK_PATTERN } from "../../policies/rules/stateMachineCommandAllowList";
import { isProductionLike, PRODUCTION_STACK_NAME } from "../../lib/productionLike";

// The pack cannot import the program (it installs on its own), so it keeps a copy of the
// production-stack pattern; this pins the copy to the program's.
describe("production-like stacks: the pack and the program agree", () => {
  const pack = new RegExp(DEFAULT_PRODUCTION_STACK_PATTERN, "i");

  it("uses the same pattern, case-insensitively", () => {
    assert.strictEqual(pack.source, PRODUCTION_STACK_NAME.source);
    assert.ok(PRODUCTION_STACK_NAME.flags.includes("i"));
  });

  for (const stack of [
    "prod",
    "PROD",
    "production",
    "prod-eu",
    "production.2",
    "prod_x",
    "dev",
    "preprod",
    "prodx",
    "staging",
  ]) {
    it(`${stack}: both say ${isProductionLike(stack) ? "production" : "not production"}`, () => {
      assert.strictEqual(pack.test(stack), isProductionLike(stack));
    });
  }
});
