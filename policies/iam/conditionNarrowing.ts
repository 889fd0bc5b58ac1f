import { patternCoversResourceType } from "./arnPatterns";

/**
 * Whether one condition of an Allow statement really narrows the requests it allows to some
 * values of its key. IAM User Guide, "IAM JSON policy elements: Condition operators" and
 * "Creating a condition with multiple keys or values":
 * - `…IfExists`: "If the key is not present, evaluate the condition element as true", so a
 *   request without the key passes; it narrows nothing for such requests.
 * - Negated operators (`StringNotEquals`, `ArnNotLike`, …) pass every other value and a missing
 *   key; `Null` tests presence only.
 * - `ForAllValues:` is true when the request has no value for the key; `ForAnyValue:` needs one
 *   matching value, so it narrows like its base operator.
 * - `StringEquals` / `StringEqualsIgnoreCase` compare literally: `*` is the one-character value
 *   `*`. `StringLike`, `ArnLike` and `ArnEquals` treat `*` and `?` as wildcards ("ArnEquals,
 *   ArnLike: … each can include multi-character match wildcards (*) or single-character match
 *   wildcards (?)"), so `*`, `arn:*` or `arn:aws:ecs:*:*:cluster/*` accept every value.
 * - The values of one key are ORed: one value that accepts everything makes the condition accept
 *   everything.
 * Pure: the caller says what the key holds and which ARN templates its values may name.
 */

/** A condition operator taken apart: `ForAnyValue:StringLikeIfExists` → set, base, IfExists. */
export interface ConditionOperator {
  set?: "ForAnyValue" | "ForAllValues";
  /** Lower case, without the set prefix and the `IfExists` suffix: `stringlike`. */
  base: string;
  ifExists: boolean;
}

export function parseConditionOperator(operator: string): ConditionOperator {
  const qualified = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(operator);
  const set = qualified
    ? qualified[1].toLowerCase() === "foranyvalue"
      ? "ForAnyValue"
      : "ForAllValues"
    : undefined;
  let base = (qualified?.[2] ?? operator).toLowerCase();
  const ifExists = base.endsWith("ifexists") && base !== "ifexists";
  if (ifExists) base = base.slice(0, -"ifexists".length);
  return { ...(set ? { set } : {}), base, ifExists };
}

const LITERAL = new Set(["stringequals", "stringequalsignorecase"]);
const WILDCARD = new Set(["stringlike", "arnlike", "arnequals"]);
const OTHER_MATCHING =
  /^(numeric|date)(equals|lessthan|lessthanequals|greaterthan|greaterthanequals)$|^(bool|binaryequals|ipaddress)$/;
const WILDCARDS_ONLY = /^[*?]*$/;

/** What the caller knows about the key (from the IAM reference). */
export interface KeyFacts {
  /** The key's values are ARNs (the reference's type `ARN` / `ArrayOfARN`). */
  holdsArns: boolean;
  /** ARN templates of the resource types a value may name (`arn:${Partition}:ecs:…:cluster/${ClusterName}`). */
  arnTemplates: readonly string[];
}

/** True when a wildcard value (StringLike/ArnLike) leaves out some values of the key. */
function wildcardValueNarrows(value: string, facts: KeyFacts): boolean {
  if (WILDCARDS_ONLY.test(value)) {
    return false;
  }
  if (!/[*?]/.test(value)) {
    return true;
  }
  if (facts.holdsArns) {
    // A name pattern (`cluster*`) where IAM compares whole ARNs pins no resource: it reads as
    // naming clusters but matches either none or, with a leading `*`, every one.
    if (!value.startsWith("arn:")) {
      return false;
    }
    return !facts.arnTemplates.some((template) => patternCoversResourceType(value, template));
  }
  return true;
}

/**
 * True when the condition entry (operator, one key, its values) allows only some values of the
 * key, and only requests that carry it.
 */
export function conditionNarrowsKey(
  entry: { operator: string; values: readonly string[] },
  facts: KeyFacts,
): boolean {
  const { set, base, ifExists } = parseConditionOperator(entry.operator);
  if (ifExists || set === "ForAllValues" || entry.values.length === 0) {
    return false;
  }
  if (LITERAL.has(base) || OTHER_MATCHING.test(base)) {
    return true;
  }
  if (WILDCARD.has(base)) {
    return entry.values.every((value) => wildcardValueNarrows(value, facts));
  }
  // Negated operators, Null and anything IAM does not define.
  return false;
}
