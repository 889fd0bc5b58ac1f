import * as assert from "assert";
import { STRATEGIES } from "../../strategies/registry";
import { STRATEGY_NAMES, isStrategyName } from "../../strategies/strategyName";

describe("strategy registry", () => {
  it("holds one module per name of strategyName.ts, in its canonical order", () => {
    assert.deepStrictEqual(Object.keys(STRATEGIES), [...STRATEGY_NAMES]);
  });

  it("recognises the names and nothing else (not Object.prototype's keys)", () => {
    assert.ok(STRATEGY_NAMES.every(isStrategyName));
    for (const name of ["toString", "constructor", "ecsexec", ""]) {
      assert.strictEqual(isStrategyName(name), false, name);
    }
  });
});
