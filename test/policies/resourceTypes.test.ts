import * as assert from "assert";
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { forType, forTypes, TYPES } from "../../policies/lib/resourceTypes";
import { PACK_POLICIES } from "../../policies/pack";

/** Runs `validate` on a resource of `type`; returns the types it judged. */
function judgedTypes(types: readonly string[], candidates: string[]): string[] {
  const judged: string[] = [];
  const validate = forTypes(types, (args) => {
    judged.push(args.type);
  });
  for (const type of candidates) {
    void validate({ type } as ResourceValidationArgs, () => undefined);
  }
  return judged;
}

describe("forTypes (one check for several resource types)", () => {
  const types = [TYPES.taskDefinition, TYPES.stateMachine];

  it("judges each resource of the listed types once, and no other", () => {
    assert.deepStrictEqual(
      judgedTypes(types, [TYPES.role, TYPES.stateMachine, TYPES.taskDefinition, TYPES.cluster]),
      [TYPES.stateMachine, TYPES.taskDefinition],
    );
    assert.deepStrictEqual(judgedTypes([], [TYPES.role]), []);
  });

  it("judges what the list of one-type checks it replaces judged", () => {
    const candidates = [...types, TYPES.role, TYPES.lambdaFunction];
    const perType: string[] = [];
    for (const type of candidates) {
      for (const check of types.map((t) => forType(t, (args) => void perType.push(args.type)))) {
        void check({ type } as ResourceValidationArgs, () => undefined);
      }
    }
    assert.deepStrictEqual(judgedTypes(types, candidates), perType);
  });

  it("leaves no rule of the pack a list of checks (the server builds its arguments for each)", () => {
    const lists = PACK_POLICIES.filter(
      (policy) =>
        Array.isArray((policy as ResourceValidationPolicy).validateResource) &&
        ((policy as ResourceValidationPolicy).validateResource as unknown[]).length > 1,
    ).map((policy) => policy.name);
    assert.deepStrictEqual(lists, []);
  });
});
