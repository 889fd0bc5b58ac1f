import * as assert from "assert";
import { StackValidationPolicy } from "@pulumi/policy";
import { withPreviewSummary } from "../../policies/lib/previewUndecided";
import { TYPES } from "../../policies/lib/resourceTypes";
import { UNKNOWN } from "../../policies/lib/unknowns";
import { ecsInitProcessEnabled } from "../../policies/rules/ecsInitProcessEnabled";
import { iamTaskRoleManagedPolicies } from "../../policies/rules/iamTaskRoleManagedPolicies";
import { previewUndecided } from "../../policies/rules/previewUndecided";
import { declareCase } from "./coverage";
import { judge } from "./judge";

const definition = (name: string, props: Record<string, unknown>) => ({
  type: TYPES.taskDefinition,
  name,
  props: { family: name, ...props },
});

describe("preview-undecided: 'cannot judge yet' once per resource, not once per rule", () => {
  declareCase(previewUndecided.name, "pass");
  declareCase(previewUndecided.name, "fail");

  it("fail: two rules that cannot judge one resource give one finding naming both", async () => {
    const resources = [definition("task", { containerDefinitions: UNKNOWN, taskRoleArn: UNKNOWN })];
    const resourceRule = withPreviewSummary(ecsInitProcessEnabled);
    const stackRule = withPreviewSummary(iamTaskRoleManagedPolicies) as StackValidationPolicy;
    // Wrapped, the rules raise no "cannot judge" of their own…
    assert.deepStrictEqual(await judge(resourceRule, resources), { violations: [] });
    assert.deepStrictEqual(await judge(stackRule, resources), { violations: [] });
    // …and the summary reports the resource once, with both rules.
    const summary = await judge(previewUndecided, resources);
    assert.strictEqual(summary.violations.length, 1, summary.violations.join("\n"));
    assert.match(
      summary.violations[0],
      /^Not judged during this preview, until its values are known, by 2 rule\(s\): ecs-init-process-enabled \(.*container definitions.*\), iam-task-role-managed-policies \(task\.taskRoleArn/,
    );
  });

  it("pass: a known stack leaves nothing undecided, and the notes are taken once", async () => {
    const resources = [
      definition("task", {
        containerDefinitions: JSON.stringify([
          { name: "app", image: "i", linuxParameters: { initProcessEnabled: true } },
        ]),
      }),
    ];
    await judge(withPreviewSummary(ecsInitProcessEnabled), resources);
    assert.deepStrictEqual(await judge(previewUndecided, resources), { violations: [] });
  });
});
