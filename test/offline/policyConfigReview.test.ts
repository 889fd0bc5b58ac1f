import * as assert from "assert";
import { unmatchedSuppressions, weakenedMandatoryRules } from "../../offline/policyConfigReview";
import type { RecordedResource } from "../../offline/recordingMonitor";

const URN =
  "urn:pulumi:dev::fargate-access::fargate-access:x:Y$aws:lambda/function:Function::cleanup";
const resource = { urn: URN, name: "cleanup" } as RecordedResource;

describe("policy config review", () => {
  const defaults = new Map([
    ["a", "mandatory" as const],
    ["b", "advisory" as const],
  ]);

  it("names mandatory rules set to advisory or disabled, in either spelling of a setting", () => {
    assert.deepStrictEqual(weakenedMandatoryRules({ a: "disabled", b: "disabled" }, defaults), [
      { rule: "a", level: "disabled" },
    ]);
    assert.deepStrictEqual(
      weakenedMandatoryRules({ a: { enforcementLevel: "advisory" } }, defaults),
      [{ rule: "a", level: "advisory" }],
    );
    assert.deepStrictEqual(
      weakenedMandatoryRules({ a: { minimumDays: 1 }, b: "mandatory" }, defaults),
      [],
    );
  });

  it("matches suppressions as the pack does: by URN or by logical name", () => {
    const config = (names: string[]) => ({
      a: { suppressions: names.map((resource) => ({ resource, reason: "a reason, long enough" })) },
    });
    assert.deepStrictEqual(unmatchedSuppressions(config([URN, "cleanup"]), [resource]), []);
    const [unmatched, ...rest] = unmatchedSuppressions(config(["cleanup", "clean"]), [resource]);
    assert.deepStrictEqual(rest, []);
    assert.match(unmatched, /^policy config: a\.suppressions\[1\]: "clean" names no resource/);
  });
});
