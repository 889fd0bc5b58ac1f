import * as assert from "assert";
import { diagnosticsOf } from "../../offline/analyzerClient";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
// The messages the pack's server builds its answers with (analyzer_pb beside @pulumi/pulumi).
const proto = require(
  require.resolve("@pulumi/pulumi/proto/analyzer_pb", {
    paths: [require.resolve("@pulumi/pulumi")],
  }),
) as any;
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

function response(diagnostics: [string, string, number, string][], notApplicable: string[]) {
  const message = new proto.AnalyzeResponse();
  for (const [policy, text, level, urn] of diagnostics) {
    const diagnostic = new proto.AnalyzeDiagnostic();
    diagnostic.setPolicyname(policy);
    diagnostic.setPolicypackname("fargate-access");
    diagnostic.setDescription("what the rule checks");
    diagnostic.setMessage(text);
    diagnostic.setEnforcementlevel(level);
    diagnostic.setUrn(urn);
    message.addDiagnostics(diagnostic);
  }
  for (const policy of notApplicable) {
    const skipped = new proto.PolicyNotApplicable();
    skipped.setPolicyName(policy);
    skipped.setReason(`Policy only applies to resources of type 'aws:x/y:Z'`);
    message.addNotApplicable(skipped);
  }
  return message.serializeBinary() as Uint8Array;
}

const summary = (list: ReturnType<typeof diagnosticsOf>) =>
  list.map((d) => [d.getPolicyname(), d.getMessage(), d.getEnforcementlevel(), d.getUrn()]);

describe("diagnosticsOf (AnalyzeResponse read without its not_applicable entries)", () => {
  it("reads the same diagnostics as the generated message, whatever else the answer holds", () => {
    const cases: [[string, string, number, string][], string[]][] = [
      [[], []],
      [[], ["a", "b", "c"]],
      [[["iam-least-privilege", "too broad", 1, "urn:a"]], []],
      [
        [
          ["iam-least-privilege", "too broad", 1, "urn:a"],
          ["ecs-no-public-ip", "public IP ✗", 0, ""],
        ],
        ["lambda-dead-letter-queue", "log-group-retention"],
      ],
    ];
    for (const [diagnostics, notApplicable] of cases) {
      const bytes = response(diagnostics, notApplicable);
      const expected = proto.AnalyzeResponse.deserializeBinary(bytes).getDiagnosticsList();
      assert.deepStrictEqual(summary(diagnosticsOf(bytes)), summary(expected));
      assert.strictEqual(diagnosticsOf(bytes).length, diagnostics.length);
    }
  });
});
