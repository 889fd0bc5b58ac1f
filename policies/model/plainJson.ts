import { JsonObject, JsonValue, NOT_KNOWN } from "./goJson";

/**
 * A JsonValue back as plain JavaScript, for readers that take plain JSON (the IAM document
 * parser). A repeated key keeps its last value, as JSON.parse does. `undefined` when any part is
 * not literal: a value a preview does not know yet, or a CloudFormation intrinsic function
 * (`{"Ref": …}`, `{"Fn::Sub": …}`; CloudFormation User Guide, "Intrinsic function reference"),
 * whose result only CloudFormation computes.
 */
export function plainJson(value: JsonValue | undefined): unknown {
  const literal = { complete: true };
  const plain = toPlain(value, literal);
  return literal.complete ? plain : undefined;
}

function isIntrinsic(value: JsonObject): boolean {
  return (
    value.entries.length === 1 &&
    (value.entries[0][0] === "Ref" || value.entries[0][0].startsWith("Fn::"))
  );
}

function toPlain(value: JsonValue | undefined, literal: { complete: boolean }): unknown {
  if (value === NOT_KNOWN) {
    literal.complete = false;
    return undefined;
  }
  if (Array.isArray(value)) return value.map((item) => toPlain(item, literal));
  if (value instanceof JsonObject) {
    if (isIntrinsic(value)) literal.complete = false;
    const record: Record<string, unknown> = {};
    for (const [key, item] of value.entries) record[key] = toPlain(item, literal);
    return record;
  }
  return value;
}
