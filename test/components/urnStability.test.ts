import * as assert from "assert";
import { STRATEGY_NAMES } from "../../strategies/strategyName";
import { isSelectableStrategySet } from "../../config/validate";
import { plan, stackConfig } from "../helpers/offlinePlan";

/** The shared resources whose URNs must not change when strategies are toggled. */
const SHARED = ["network-vpc", "workload-cluster", "workload-task", "workload-service"];

/** Every non-empty subset of the given strategies. */
export function strategySubsets(names: readonly string[]): string[][] {
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << names.length; mask++) {
    subsets.push(names.filter((_, index) => mask & (1 << index)));
  }
  return subsets;
}

/** Every strategy subset config validation accepts (ecsExec + sessionManager is refused). */
export function selectableStrategySubsets(): string[][] {
  return strategySubsets(STRATEGY_NAMES).filter(isSelectableStrategySet);
}

describe("URN stability across strategy subsets", () => {
  it("keeps the VPC, cluster, task definition family and service URNs for every subset", async () => {
    const seen = new Map<string, Set<string>>();
    for (const strategies of selectableStrategySubsets()) {
      const run = await plan(stackConfig({ "fargate-access:strategies": strategies }));
      for (const name of SHARED) {
        const resource = run.resources.find((r) => r.name === name);
        assert.ok(resource, `${name} missing with ${strategies}`);
        const urns = seen.get(name) ?? new Set<string>();
        urns.add(resource.urn);
        if (name === "workload-task") {
          urns.add(`family=${String(resource.inputs.family)}`);
        }
        seen.set(name, urns);
      }
    }
    for (const name of SHARED) {
      const expected = name === "workload-task" ? 2 : 1;
      assert.strictEqual(seen.get(name)?.size, expected, `${name}: ${[...(seen.get(name) ?? [])]}`);
    }
  });

  it("creates nothing of a strategy that is not selected", async () => {
    const sfnOnly = await plan(stackConfig({ "fargate-access:strategies": ["stepFunctions"] }));
    const execParts = sfnOnly.resources.filter((r) => r.name.startsWith("ecs-exec"));
    assert.deepStrictEqual(
      execParts.map((r) => r.name),
      [],
    );
    const execOnly = await plan(stackConfig({ "fargate-access:strategies": ["ecsExec"] }));
    assert.deepStrictEqual(
      execOnly.resources.filter((r) => r.name.startsWith("step-functions")).map((r) => r.name),
      [],
    );
    assert.strictEqual(resourceInput(execOnly, "workload-service", "enableExecuteCommand"), true);
    assert.strictEqual(resourceInput(sfnOnly, "workload-service", "enableExecuteCommand"), false);
  });

  it("strategySubsets lists every non-empty subset once", () => {
    assert.deepStrictEqual(strategySubsets(["a", "b"]), [["a"], ["b"], ["a", "b"]]);
  });
});

function resourceInput(
  run: Awaited<ReturnType<typeof plan>>,
  name: string,
  input: string,
): unknown {
  return run.resources.find((r) => r.name === name)?.inputs[input];
}
