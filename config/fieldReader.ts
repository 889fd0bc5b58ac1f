import { didYouMean } from "../lib/suggest";

/**
 * Reads fields out of one untyped config object and records every problem with the full key
 * path, the bad value and what is allowed, so that one run reports all mistakes at once.
 */
export class FieldReader {
  constructor(
    private readonly path: string,
    private readonly source: Record<string, unknown>,
    private readonly problems: string[],
    private readonly separator = ".",
  ) {}

  /** Records a problem about `field` (or the object itself when `field` is empty). */
  fail(field: string, message: string): void {
    this.problems.push(`${this.keyOf(field)}: ${message}`);
  }

  /** The raw value of `field`, unchecked. */
  value(field: string): unknown {
    return this.source[field];
  }

  has(field: string): boolean {
    return this.source[field] !== undefined;
  }

  keyOf(field: string): string {
    return field ? `${this.path}${this.separator}${field}` : this.path;
  }

  /**
   * Rejects keys the section does not define (a typo would otherwise be ignored silently),
   * suggesting the closest known key (`allowed`: the keys the section's schema declares).
   */
  rejectUnknownKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.source)) {
      if (!allowed.includes(key)) {
        const hint = didYouMean(key, allowed);
        this.fail(key, `unknown key.${hint} Allowed keys: ${allowed.join(", ")}.`);
      }
    }
  }

  /** Rejects keys that only make sense in another mode. */
  rejectKeys(fields: readonly string[], reason: string): void {
    for (const field of fields) {
      if (this.has(field)) {
        this.fail(field, `is not allowed ${reason}.`);
      }
    }
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T {
    const value = this.source[field];
    if (value === undefined) {
      return fallback;
    }
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) {
      return value as T;
    }
    this.fail(field, `${show(value)} is not allowed; use one of ${allowed.join(", ")}.`);
    return fallback;
  }

  integer(field: string, fallback: number, min: number, max: number): number {
    const value = this.source[field];
    if (value === undefined) {
      return fallback;
    }
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    this.fail(field, `${show(value)} is not allowed; use a whole number from ${min} to ${max}.`);
    return fallback;
  }

  /** A finite number from `min` up (decimals allowed), e.g. a price or a monthly volume. */
  number(field: string, fallback: number, min: number): number {
    const value = this.source[field];
    if (value === undefined) {
      return fallback;
    }
    if (typeof value === "number" && Number.isFinite(value) && value >= min) {
      return value;
    }
    this.fail(field, `${show(value)} is not allowed; use a number of at least ${min}.`);
    return fallback;
  }

  boolean(field: string, fallback: boolean): boolean {
    const value = this.source[field];
    if (value === undefined) {
      return fallback;
    }
    if (typeof value === "boolean") {
      return value;
    }
    this.fail(field, `${show(value)} is not allowed; use true or false.`);
    return fallback;
  }

  /** A string accepted by `pattern`; `undefined` when absent and no fallback is given. */
  string(field: string, pattern: Pattern, describe: string, fallback?: string): string | undefined {
    const value = this.source[field];
    if (value === undefined) {
      return fallback;
    }
    if (typeof value === "string" && accepts(pattern, value)) {
      return value;
    }
    this.fail(field, `${show(value)} is not allowed; use ${describe}.`);
    return fallback;
  }

  /** A list whose every item matches `pattern`. */
  stringList(
    field: string,
    pattern: Pattern,
    describe: string,
    opts: { nonEmpty?: boolean; repeats?: boolean } = {},
  ) {
    const value = this.source[field];
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value) || (opts.nonEmpty && value.length === 0)) {
      const what = opts.nonEmpty ? "a non-empty list" : "a list";
      this.fail(field, `${show(value)} is not allowed; use ${what} of ${describe}.`);
      return undefined;
    }
    const bad = value.filter((item) => typeof item !== "string" || !accepts(pattern, item));
    if (bad.length > 0) {
      this.fail(field, `${bad.map(show).join(", ")} not allowed; every item must be ${describe}.`);
      return undefined;
    }
    // Most lists are sets (subnets, principals, endpoint services): a repeat is a copy-paste
    // slip that leaves the reader guessing what was meant; only argv-like lists repeat.
    const repeated = value.filter((item, index) => value.indexOf(item) !== index);
    if (!opts.repeats && repeated.length > 0) {
      this.fail(
        field,
        `${[...new Set(repeated)].map(show).join(", ")} listed twice; list each once.`,
      );
      return undefined;
    }
    return value as string[];
  }

  /** A nested object, or an empty one when absent. */
  object(field: string): FieldReader | undefined {
    const value = this.source[field];
    if (value === undefined) {
      return undefined;
    }
    if (!isPlainObject(value)) {
      this.fail(field, `${show(value)} is not allowed; use a map of keys.`);
      return undefined;
    }
    return new FieldReader(this.keyOf(field), value, this.problems);
  }
}

/** A regular expression, or a predicate for formats a regular expression cannot check. */
export type Pattern = RegExp | ((value: string) => boolean);

function accepts(pattern: Pattern, value: string): boolean {
  return typeof pattern === "function" ? pattern(value) : pattern.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Renders a config value for an error message. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
