import * as assert from "assert";
import { field, JsonObject, JsonValue, NOT_KNOWN, parseJson } from "../../../policies/model/goJson";
import { resolveIntrinsics, templateScope } from "../../../policies/model/templateIntrinsics";
import { parseYamlMapping } from "../../../policies/model/templateYaml";

/** Plain JavaScript from the ordered form, for comparisons. */
function plain(value: JsonValue | undefined): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof JsonObject) {
    return Object.fromEntries(value.entries.map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

function resolve(template: string, property: string, parameters?: Record<string, string>) {
  const parsed = parseJson(template) ?? parseYamlMapping(template);
  const scope = templateScope(
    parsed,
    parameters ? new JsonObject(Object.entries(parameters)) : undefined,
  );
  const unknowns: string[] = [];
  const properties = field(field(field(parsed, "Resources"), "R"), "Properties");
  return {
    value: plain(resolveIntrinsics(field(properties, property), scope, unknowns)),
    unknowns,
  };
}

describe("CloudFormation YAML short forms read as the long forms (templateYaml.ts)", () => {
  it("!Ref, !Sub, !GetAtt (scalar and sequence), nested in !Join", () => {
    const parsed = parseYamlMapping(
      "A: !Ref X\nB: !Sub 'a-${X}'\nC: !GetAtt R.Arn\nD: !GetAtt [R, Arn]\nE: !Join ['', [!Ref X, b]]\n",
    );
    assert.deepStrictEqual(plain(parsed), {
      A: { Ref: "X" },
      B: { "Fn::Sub": "a-${X}" },
      C: { "Fn::GetAtt": ["R", "Arn"] },
      D: { "Fn::GetAtt": ["R", "Arn"] },
      E: { "Fn::Join": ["", [{ Ref: "X" }, "b"]] },
    });
  });

  it("refuses text that is not a YAML mapping", () => {
    assert.strictEqual(parseYamlMapping("a: [unclosed"), undefined);
    assert.strictEqual(parseYamlMapping("- a list"), undefined);
  });
});

describe("intrinsic functions worked out (templateIntrinsics.ts)", () => {
  const yaml = (value: string, extra = "") =>
    `Parameters:\n  P:\n    Type: String\n    Default: s3\n${extra}Resources:\n  B:\n    Type: AWS::S3::Bucket\n  R:\n    Type: X\n    Properties:\n      V: ${value}\n`;

  it("substitutes parameters (the stack's value before the default), pseudo parameters and resources", () => {
    assert.deepStrictEqual(resolve(yaml("!Sub '${P}:*'"), "V"), { value: "s3:*", unknowns: [] });
    assert.deepStrictEqual(resolve(yaml("!Sub '${P}:*'"), "V", { P: "ssm" }).value, "ssm:*");
    assert.deepStrictEqual(
      resolve(yaml("!Sub 'arn:${AWS::Partition}:s3:::${B}/*'"), "V").value,
      "arn:aws:s3:::cfn-ref-B/*",
    );
    assert.deepStrictEqual(resolve(yaml("!GetAtt B.Arn"), "V").value, "cfn-getatt-B.Arn");
    assert.deepStrictEqual(resolve(yaml("!Sub '${!Literal}'"), "V").value, "${Literal}");
  });

  it("names what cannot be known and keeps the known rest", () => {
    const { value, unknowns } = resolve(yaml("[!ImportValue shared, !Ref P, !Ref Nowhere]"), "V");
    assert.deepStrictEqual(value, [NOT_KNOWN, "s3", NOT_KNOWN]);
    assert.deepStrictEqual(unknowns, ["Fn::ImportValue", "Ref Nowhere"]);
    // Inside text, the unknown part is a literal without wildcards; the known rest stays.
    const partial = resolve(yaml("!Sub 'arn:aws:s3:::${Nowhere}/*'"), "V");
    assert.deepStrictEqual(partial, {
      value: "arn:aws:s3:::cfn-unknown-Nowhere/*",
      unknowns: ["Ref Nowhere"],
    });
  });

  it("drops AWS::NoValue and reads mappings", () => {
    const mappings = "Mappings:\n  M:\n    prod:\n      A: '*'\n";
    assert.deepStrictEqual(resolve(yaml("[a, !Ref AWS::NoValue]"), "V").value, ["a"]);
    assert.deepStrictEqual(resolve(yaml("!FindInMap [M, prod, A]", mappings), "V").value, "*");
  });
});
