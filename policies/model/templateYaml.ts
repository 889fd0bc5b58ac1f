import { parseDocument, Scalar, ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from "yaml";
import { JsonObject, JsonValue } from "./goJson";

/**
 * Templates (and SSM documents) written in YAML, read into the same ordered JSON form as JSON
 * templates (goJson.ts). AWS CloudFormation User Guide, "Template format" and "Intrinsic function
 * reference": a YAML template may use the short forms `!Ref Name`, `!Sub '…'`, `!GetAtt R.Attr`
 * and `!Fn` for every `Fn::Fn`, each the same as the full form (`{"Fn::GetAtt": ["R", "Attr"]}`);
 * a short form can be a scalar, a sequence or a mapping. The parser is `yaml` (ISC licence), with
 * one custom tag per short form. Repeated keys keep the last value, as JSON.parse does.
 */

/** The short-form tags: `!Name` stands for `Fn::Name`, except `!Ref` and `!Condition`. */
const FUNCTIONS = [
  "And",
  "Base64",
  "Cidr",
  "Equals",
  "FindInMap",
  "ForEach",
  "GetAtt",
  "GetAZs",
  "If",
  "ImportValue",
  "Join",
  "Length",
  "Not",
  "Or",
  "Select",
  "Split",
  "Sub",
  "ToJsonString",
  "Transform",
];

/** `!GetAtt Resource.Attribute` in short scalar form is `["Resource", "Attribute"]`. */
function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === "GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  const key = name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
  return { [key]: value };
}

function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  const tag = `!${name}`;
  return [
    { tag, resolve: (text: string) => longForm(name, text) },
    {
      tag,
      collection: "seq",
      resolve: (seq: YAMLSeq.Parsed) => longForm(name, seq.toJSON()),
    },
    {
      tag,
      collection: "map",
      resolve: (map: YAMLMap.Parsed) => longForm(name, map.toJSON()),
    },
  ] as (ScalarTag | CollectionTag)[];
}

const CUSTOM_TAGS = ["Ref", "Condition", ...FUNCTIONS].flatMap(tagsFor);

/** Plain values from the YAML parser as the ordered form the model reads. */
function ordered(value: unknown): JsonValue {
  if (value instanceof Scalar) return ordered(value.value);
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === "object") {
    return new JsonObject(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, ordered(item)]),
    );
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  // null, and values YAML has but JSON has not (none in the core schema but null), read as null.
  return null;
}

/**
 * A YAML document (a CloudFormation template, an SSM document) as ordered JSON, or `undefined`
 * when the text is not YAML the parser accepts (the service would refuse it too) or is not a
 * mapping. SSM documents use no `!` tags, so the CloudFormation ones change nothing for them.
 */
export function parseYamlMapping(text: string): JsonValue | undefined {
  const document = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: false });
  if (document.errors.length > 0) return undefined;
  const value = ordered(document.toJS({ maxAliasCount: 100 }));
  return value instanceof JsonObject ? value : undefined;
}
