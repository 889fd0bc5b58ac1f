import * as assert from "assert";
import { SHARED_OUTPUT_DOCS } from "../../lib/stackOutputs";
import { allOutputNames, withCurrentNames } from "../../lib/outputNames";
import { STRATEGIES } from "../../strategies/registry";
import { STRATEGY_NAMES } from "../../strategies/strategyName";
import { buildStack } from "../../program";
import { runOffline } from "../../offline/runOffline";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";

describe("stack outputs", () => {
  it("every strategy output starts with its strategy's name; no name is declared twice", () => {
    for (const name of STRATEGY_NAMES) {
      for (const output of Object.keys(STRATEGIES[name].outputs)) {
        assert.ok(output.startsWith(name), `${output} (of ${name}) starts with ${name}`);
      }
    }
    const names = allOutputNames();
    assert.deepStrictEqual(names.length, new Set(names).size);
  });

  for (const stack of listStacks()) {
    it(`the ${stack} stack returns the shared outputs and the declared ones of its strategies only`, async () => {
      const run = await runOffline(buildStack, { stack, config: readStackConfigFile(stack) });
      const selected = run.outputs.strategies as string[];
      const expected = [
        ...Object.keys(SHARED_OUTPUT_DOCS),
        ...STRATEGY_NAMES.filter((name) => selected.includes(name)).flatMap((name) =>
          Object.keys(STRATEGIES[name].outputs),
        ),
      ].sort();
      assert.deepStrictEqual(Object.keys(run.outputs).sort(), expected);
    });
  }

  it("outputs of a stack deployed before the Step Functions rename are read under the new names", () => {
    const arn = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:m";
    assert.deepStrictEqual(
      withCurrentNames({ strategies: ["stepFunctions"], stateMachineArn: arn }),
      {
        strategies: ["stepFunctions"],
        stepFunctionsStateMachineArn: arn,
      },
    );
    // A current name wins over an old one.
    assert.deepStrictEqual(
      withCurrentNames({ stateMachineArn: "old", stepFunctionsStateMachineArn: arn }),
      { stateMachineArn: "old", stepFunctionsStateMachineArn: arn },
    );
  });
});
