/**
 * Resource patterns as IAM matches them against ARNs. Sources:
 * - IAM User Guide, "IAM JSON policy elements: Resource", "Using wildcards in resource ARNs":
 *   `*` (any characters) and `?` (one character) may appear in any colon-delimited segment, and
 *   a `*` that is the last character of a segment "can expand to match beyond the colon
 *   boundaries": `arn:aws:secretsmanager:*:*:secret*` reaches `secret:db-AbCdEf`, and
 *   `arn:aws:dynamodb:*` every DynamoDB ARN. Matching is case-sensitive (the example: "the IAM
 *   user name is case sensitive").
 * - IAM User Guide, "Amazon Resource Names (ARNs)": `arn:partition:service:region:account-id:
 *   resource`; the partitions are `aws`, `aws-cn` (China) and `aws-us-gov` (GovCloud (US)).
 * Pure: no imports, no I/O.
 */

export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

/**
 * Marks the next `*` or `?` as a literal character: policy variables substitute values, not
 * patterns ("IAM policy elements: Variables and tags"), so a request's `*` stays a `*`.
 */
export const LITERAL_MARK = "\uE000";

/**
 * One unit of a pattern: a literal character, `?` (one character, not a colon), a `*` inside a
 * segment (no colon) or a `*` ending a segment (anything, colons included).
 */
type Token =
  | { kind: "char"; char: string }
  | { kind: "one" }
  | { kind: "inSegment" }
  | { kind: "acrossSegments" }
  /** A template variable (`${BucketName}`): stands for every value, so only a `*` covers it. */
  | { kind: "anyValue" };

const tokenCache = new Map<string, Token[]>();

function patternTokens(pattern: string): Token[] {
  let tokens = tokenCache.get(pattern);
  if (!tokens) {
    const chars = [...pattern];
    tokens = chars.flatMap((char, index): Token[] => {
      if (char === LITERAL_MARK) return [];
      if (chars[index - 1] === LITERAL_MARK || (char !== "?" && char !== "*")) {
        return [{ kind: "char", char }];
      }
      if (char === "?") return [{ kind: "one" }];
      const next = chars[index + 1];
      return [
        next === undefined || next === ":" ? { kind: "acrossSegments" } : { kind: "inSegment" },
      ];
    });
    tokenCache.set(pattern, tokens);
  }
  return tokens;
}

const isStar = (token: Token) => token.kind === "inSegment" || token.kind === "acrossSegments";

const regExpCache = new Map<string, RegExp>();

/** True when the resource pattern of a policy matches a concrete ARN (or `*` alone anything). */
export function arnPatternMatches(pattern: string, arn: string): boolean {
  let regExp = regExpCache.get(pattern);
  if (!regExp) {
    const body = patternTokens(pattern)
      .map((token) =>
        token.kind === "char"
          ? token.char.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")
          : token.kind === "one"
            ? "[^:]"
            : token.kind === "inSegment"
              ? "[^:]*"
              : ".*",
      )
      .join("");
    regExp = new RegExp(`^${body}$`, "s");
    regExpCache.set(pattern, regExp);
  }
  return regExp.test(arn);
}

/** Can pattern token `p` stand for subject token `s` (one step of the covering walk)? */
function coversOne(p: Token, s: Token): boolean {
  if (s.kind === "anyValue") return false;
  if (p.kind === "one") return s.kind === "char" && s.char !== ":";
  return p.kind === "char" && s.kind === "char" && p.char === s.char;
}

/**
 * True when every string the subject stands for is matched by the pattern. Subject variables
 * (`anyValue`) can only be taken by a `*`. Sound (never says yes wrongly) for the template
 * shapes of the reference; exotic patterns may be missed, which only under-reports coverage.
 */
function covers(pattern: Token[], subject: Token[]): boolean {
  const memo = new Map<number, boolean>();
  const walk = (i: number, j: number): boolean => {
    const key = i * (subject.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === pattern.length) {
      result = j === subject.length;
    } else if (isStar(pattern[i])) {
      const s = subject[j];
      const canTake =
        s !== undefined &&
        (pattern[i].kind === "acrossSegments" || s.kind !== "char" || s.char !== ":");
      result = walk(i + 1, j) || (canTake && walk(i, j + 1));
    } else {
      result = j < subject.length && coversOne(pattern[i], subject[j]) && walk(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return walk(0, 0);
}

/**
 * The template's ARNs for one partition: `${Partition}` set, `${Region}` / `${Account}` set to
 * the pattern's own segment when that is literal (a pattern naming one account still covers
 * every role in it), every other variable left open.
 */
function templateTokens(template: string, partition: string, pattern: string): Token[] {
  const segments = pattern.split(":");
  const literal = (index: number) => {
    const segment = segments[index];
    return segments.length >= 6 && segment !== undefined && !/[*?]/.test(segment)
      ? segment
      : undefined;
  };
  const fixed: Record<string, string | undefined> = {
    Partition: partition,
    Region: literal(3),
    Account: literal(4),
  };
  return template.split(/(\$\{[^}]+\})/).flatMap((part, index): Token[] => {
    if (index % 2 === 0) return [...part].map((char) => ({ kind: "char", char }));
    const value = fixed[part.slice(2, -1)];
    return value === undefined
      ? [{ kind: "anyValue" }]
      : [...value].map((char) => ({ kind: "char", char }));
  });
}

const coverCache = new Map<string, boolean>();

/**
 * True when the pattern matches every ARN of a resource type, given as the reference's template
 * (`arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}`) in any one
 * partition: `arn:aws:secretsmanager:*:*:secret*`, `arn:aws-cn:iam::123456789012:role/*` and
 * `arn:aws*:s3:::*` each reach every resource of their type; `…:secret:db-*` does not.
 */
export function patternCoversResourceType(pattern: string, template: string): boolean {
  const key = `${pattern}\n${template}`;
  let found = coverCache.get(key);
  if (found === undefined) {
    const tokens = patternTokens(pattern);
    found = PARTITIONS.some((partition) =>
      covers(tokens, templateTokens(template, partition, pattern)),
    );
    coverCache.set(key, found);
  }
  return found;
}

/** Can two pattern tokens stand for the same one character? */
function sameCharacter(a: Token, b: Token): boolean {
  if (a.kind === "char" && b.kind === "char") return a.char === b.char;
  if (a.kind === "char") return a.char !== ":";
  if (b.kind === "char") return b.char !== ":";
  return true;
}

/**
 * True when some ARN matches both patterns (a Deny on one may take away part of an Allow on the
 * other; two grants may reach the same resource). `*` alone overlaps everything.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const left = patternTokens(a);
  const right = patternTokens(b);
  const memo = new Map<number, boolean>();
  // A star can produce the next character of the other side unless that is a colon it may not
  // cross; two stars can always produce the same (empty) text.
  const produces = (star: Token, other: Token) =>
    star.kind === "acrossSegments" || other.kind !== "char" || other.char !== ":";
  const walk = (i: number, j: number): boolean => {
    const key = i * (right.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === left.length && j === right.length) {
      result = true;
    } else if (i < left.length && isStar(left[i])) {
      result =
        walk(i + 1, j) || (j < right.length && produces(left[i], right[j]) && walk(i, j + 1));
    } else if (j < right.length && isStar(right[j])) {
      result = walk(i, j + 1) || (i < left.length && produces(right[j], left[i]) && walk(i + 1, j));
    } else {
      result =
        i < left.length &&
        j < right.length &&
        sameCharacter(left[i], right[j]) &&
        walk(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return walk(0, 0);
}
