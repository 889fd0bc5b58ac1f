import { isUnknownValue, UNKNOWN } from "../lib/unknowns";

/**
 * JSON as the AWS provider decodes it. The provider turns `containerDefinitions` (and Batch's
 * `containerProperties` / `ecsProperties`) into AWS SDK structs with Go's `encoding/json`
 * (terraform-provider-aws internal/service/ecs: `expandContainerDefinitions` →
 * `tfjson.DecodeFromString`). That decoder matches an object key to a struct field
 * case-insensitively and, when a key appears twice, keeps the last one it read (Go
 * `encoding/json` Unmarshal docs: "preferring an exact match but also accepting a
 * case-insensitive match"; a later key overwrites the field). `JSON.parse` keeps the *first*
 * position of a repeated key and treats `Privileged` and `privileged` as two keys, so this file
 * keeps every key in the order written and lets the reader pick, as Go would.
 */

/** A value not known during a preview (the engine's sentinel, or a proxy that threw). */
export const NOT_KNOWN: unique symbol = Symbol("not known");
export type NotKnown = typeof NOT_KNOWN;

/** An object as written: every key in order, repeats included. */
export class JsonObject {
  constructor(readonly entries: [string, JsonValue][]) {}
}

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject | NotKnown;

/**
 * Go's case folding for names: `encoding/json` compares with Unicode simple folding, under which
 * the Kelvin sign (U+212A) is `k` and the long s (U+017F) is `s` — spellings `toLowerCase` misses.
 */
export function foldName(name: string): string {
  return name
    .replace(/\u212a/g, "k")
    .replace(/\u017f/g, "s")
    .toLowerCase();
}

/** A struct field: the last key that folds to `name` (Go's decoder), `undefined` when absent. */
export function field(value: JsonValue | undefined, name: string): JsonValue | undefined {
  if (!(value instanceof JsonObject)) {
    return undefined;
  }
  const wanted = foldName(name);
  let found: JsonValue | undefined;
  for (const [key, item] of value.entries) {
    if (foldName(key) === wanted) {
      found = item;
    }
  }
  return found;
}

/** A map (`dockerLabels`, Lambda variables): exact keys, the last repeat wins (a Go map). */
export function mapEntries(value: JsonValue | undefined): [string, JsonValue][] {
  if (!(value instanceof JsonObject)) {
    return [];
  }
  const map = new Map<string, JsonValue>();
  for (const [key, item] of value.entries) {
    map.delete(key);
    map.set(key, item);
  }
  return [...map];
}

/** Parses JSON text keeping every key in order; `undefined` when the text is not JSON. */
export function parseJson(text: string): JsonValue | undefined {
  try {
    // JSON.parse decides what is valid JSON; the reader below then only has to keep the keys.
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const reader = new Reader(text);
  return reader.value();
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  value(): JsonValue {
    this.space();
    const char = this.text[this.at];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return known(this.string());
    const literal = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(
      this.text.slice(this.at),
    );
    // JSON.parse accepted the text, so a literal is here.
    const word = (literal as RegExpExecArray)[0];
    this.at += word.length;
    return JSON.parse(word) as JsonValue;
  }

  private object(): JsonObject {
    const entries: [string, JsonValue][] = [];
    this.at += 1;
    for (this.space(); this.text[this.at] !== "}"; this.space()) {
      const key = this.string();
      this.space();
      this.at += 1; // ':'
      entries.push([key, this.value()]);
      this.space();
      if (this.text[this.at] === ",") this.at += 1;
    }
    this.at += 1;
    return new JsonObject(entries);
  }

  private array(): JsonValue[] {
    const items: JsonValue[] = [];
    this.at += 1;
    for (this.space(); this.text[this.at] !== "]"; this.space()) {
      items.push(this.value());
      this.space();
      if (this.text[this.at] === ",") this.at += 1;
    }
    this.at += 1;
    return items;
  }

  private string(): string {
    this.space();
    const match = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.at)) as RegExpExecArray;
    this.at += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? "")) this.at += 1;
  }
}

/** The engine's unknown sentinel inside text or objects counts as not known. */
function known(value: string): JsonValue {
  return value === UNKNOWN ? NOT_KNOWN : value;
}

/**
 * Copies a property value (maybe behind the policy server's unknown-checking proxy) into the
 * same ordered form, one read at a time: a part that is not known yet becomes `NOT_KNOWN`
 * and the rest stays readable, so one unknown never hides a known violation beside it.
 */
export function fromProperty(read: () => unknown): JsonValue {
  let value: unknown;
  try {
    value = read();
  } catch (error) {
    if (isUnknownValue(error)) return NOT_KNOWN;
    throw error;
  }
  if (typeof value === "string") return known(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (Array.isArray(value)) {
    const list = value as unknown[];
    return Array.from({ length: list.length }, (_, index) => fromProperty(() => list[index]));
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    return new JsonObject(
      Object.keys(record).map((key): [string, JsonValue] => [key, fromProperty(() => record[key])]),
    );
  }
  return null;
}
