import { FieldReader, Pattern, isPlainObject, show } from "./fieldReader";

/**
 * One config key, declared once: how it is read (type, default, allowed values, the error for a
 * bad value) and what the README's configuration table says of it. The validator reads every
 * key through its field; `config/docs.ts` renders the table from the same fields.
 */
export interface Field<T> {
  /** The README's default column, e.g. `` `24` `` or `— (required)`. */
  readonly defaultText: string;
  /** The README's allowed / meaning column. */
  readonly doc: string;
  /**
   * Reads the key from a section (absent section or key: the default), recording problems;
   * `context` carries what a default may depend on (see {@link ReadContext}).
   */
  read(section: FieldReader, key: string, context?: ReadContext): T;
}

/** What a key's default may depend on beside the key itself. */
export interface ReadContext {
  /** The stack is production-like (`fargate-access:productionLike`, lib/productionLike.ts). */
  productionLike: boolean;
}

const NO_CONTEXT: ReadContext = { productionLike: false };

/** Keys of a section, each with its field. */
export type Fields = Record<string, Field<unknown>>;

type ValueOf<F> = F extends Field<infer T> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The typed value of a section: keys whose field may give `undefined` are optional. (`any`
 * fields, as in "a module of any strategy", give `any`.)
 */
export type SectionValue<F extends Fields> = 0 extends 1 & F ? any : SectionOf<F>; // eslint-disable-line @typescript-eslint/no-explicit-any

type SectionOf<F extends Fields> = Simplify<
  { [K in keyof F as undefined extends ValueOf<F[K]> ? never : K]: ValueOf<F[K]> } & {
    [K in keyof F as undefined extends ValueOf<F[K]> ? K : never]?: Exclude<
      ValueOf<F[K]>,
      undefined
    >;
  }
>;

interface Docs {
  /** Replaces the generated default column. */
  defaultText?: string;
  /** What the key means, after the allowed values. */
  doc?: string;
}

const code = (value: unknown) => `\`${typeof value === "string" ? value : show(value)}\``;

/** The allowed values, then the meaning: `` `none`, `default`: what it does``. */
function column(allowed: string, doc: string | undefined): string {
  return [allowed, doc].filter((part) => part).join("; ");
}

function make<T>(
  defaultText: string,
  allowed: string,
  docs: Docs,
  read: (section: FieldReader, key: string, context?: ReadContext) => T,
): Field<T> {
  return { defaultText: docs.defaultText ?? defaultText, doc: column(allowed, docs.doc), read };
}

/** The field constructors; each names its allowed values once, for the reader and the docs. */
export const field = {
  oneOf<T extends string>(allowed: readonly T[], fallback: T, docs: Docs = {}): Field<T> {
    return make(code(fallback), allowed.map(code).join(", "), docs, (section, key) =>
      section.oneOf(key, allowed, fallback),
    );
  },

  integer(min: number, max: number, fallback: number, docs: Docs = {}): Field<number> {
    return make(code(fallback), `${min} to ${max}`, docs, (section, key) =>
      section.integer(key, fallback, min, max),
    );
  },

  /** A whole number from `min` to `max`, or nothing when absent. */
  optionalInteger(min: number, max: number, docs: Docs): Field<number | undefined> {
    return make("none", `${min} to ${max}`, docs, (section, key) =>
      section.has(key) ? section.integer(key, min, min, max) : undefined,
    );
  },

  number(min: number, fallback: number, docs: Docs = {}): Field<number> {
    return make(code(fallback), `a number ≥ ${min}`, docs, (section, key) =>
      section.number(key, fallback, min),
    );
  },

  /** A number ≥ `min`, or nothing when absent. */
  optionalNumber(min: number, docs: Docs): Field<number | undefined> {
    return make("none", `a number ≥ ${min}`, docs, (section, key) =>
      section.has(key) ? section.number(key, min, min) : undefined,
    );
  },

  boolean(fallback: boolean, docs: Docs = {}): Field<boolean> {
    return make(code(fallback), "`true` or `false`", docs, (section, key) =>
      section.boolean(key, fallback),
    );
  },

  /** `true` or `false`, by default what `fallback` says of the stack (e.g. production-like). */
  contextualBoolean(
    fallback: (context: ReadContext) => boolean,
    docs: Docs & { defaultText: string },
  ): Field<boolean> {
    return make(docs.defaultText, "`true` or `false`", docs, (section, key, context) =>
      section.boolean(key, fallback(context ?? NO_CONTEXT)),
    );
  },

  /** `true`, `false`, or nothing when absent. */
  optionalBoolean(docs: Docs): Field<boolean | undefined> {
    return make("none", "`true` or `false`", docs, (section, key) =>
      section.has(key) ? section.boolean(key, false) : undefined,
    );
  },

  /** A string `pattern` accepts; `hint` says what that is, in errors and in the docs. */
  string(pattern: Pattern, hint: string, fallback: string, docs: Docs = {}): Field<string> {
    return make(
      code(fallback),
      hint,
      docs,
      (section, key) => section.string(key, pattern, hint, fallback) ?? fallback,
    );
  },

  optionalString(pattern: Pattern, hint: string, docs: Docs = {}): Field<string | undefined> {
    return make("none", hint, docs, (section, key) => section.string(key, pattern, hint));
  },

  /** A list of distinct strings `pattern` accepts; `[]` when absent. */
  stringList(pattern: Pattern, hint: string, docs: Docs = {}): Field<string[]> {
    return make(
      "`[]`",
      `a list of ${hint}`,
      docs,
      (section, key) => section.stringList(key, pattern, hint) ?? [],
    );
  },

  /** A non-empty list of distinct strings, or nothing when absent (`repeats`: an argv, say). */
  optionalNonEmptyList(
    pattern: Pattern,
    hint: string,
    docs: Docs,
    { repeats = false }: { repeats?: boolean } = {},
  ): Field<string[] | undefined> {
    return make("none", `a non-empty list of ${hint}`, docs, (section, key) =>
      section.stringList(key, pattern, hint, { nonEmpty: true, repeats }),
    );
  },

  /**
   * A map of its own fields (`service.build`), or nothing when absent; `finish` checks the keys
   * together and gives the section's value.
   */
  section<F extends Fields, T>(
    fields: F,
    docs: Docs,
    finish: (value: SectionValue<F>, section: FieldReader) => T | undefined,
  ): Field<T | undefined> & { fields: F } {
    return {
      ...make("none", "", docs, (section, key) => {
        const nested = section.object(key);
        return nested ? finish(readFields(fields, nested), nested) : undefined;
      }),
      fields,
    };
  },
};

/** The same key and docs, its value turned into another shape (e.g. an ARN into `{ arn }`). */
export function mapField<T, U>(spec: Field<T>, convert: (value: T) => U): Field<U> {
  return {
    ...spec,
    read: (section, key, context) => convert(spec.read(section, key, context)),
  };
}

/**
 * Reads every field of `fields` from `section`, refusing keys it does not declare (except
 * `reportedElsewhere`: keys the caller refuses with a message of its own); `context` is what
 * defaults may depend on.
 */
export function readFields<F extends Fields>(
  fields: F,
  section: FieldReader,
  reportedElsewhere: readonly string[] = [],
  context: ReadContext = NO_CONTEXT,
): SectionValue<F> {
  section.rejectUnknownKeys([...Object.keys(fields), ...reportedElsewhere]);
  const value: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const read = spec.read(section, key, context);
    if (read !== undefined) value[key] = read;
  }
  return value as SectionValue<F>;
}

/** A reader over section `key` of the namespace; an empty one when the key is absent. */
export function sectionReader(
  root: FieldReader,
  raw: Record<string, unknown>,
  key: string,
  problems: string[],
): FieldReader {
  const value = raw[key];
  if (value !== undefined && !isPlainObject(value)) {
    root.fail(key, `${show(value)} is not allowed; use a map of keys.`);
  }
  return new FieldReader(root.keyOf(key), isPlainObject(value) ? value : {}, problems);
}
