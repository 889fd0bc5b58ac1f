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
 * A pattern or a template as one string of units: a literal character stands for itself, and
 * four control characters (which ARNs cannot hold) for the rest. Strings, not objects, so that
 * 10,000 resources with their own ARNs cost no garbage.
 */
const ONE = "\u0001"; // `?`: one character, not a colon
const IN_SEGMENT = "\u0002"; // a `*` inside a segment: no colon
const ACROSS_SEGMENTS = "\u0003"; // a `*` ending a segment: anything, colons included
const ANY_VALUE = "\u0004"; // a template variable: every value, so only a `*` covers it

const isStar = (unit: string) => unit === IN_SEGMENT || unit === ACROSS_SEGMENTS;

const unitCache = new Map<string, string>();

function patternUnits(pattern: string): string {
  let units = unitCache.get(pattern);
  if (units === undefined) {
    units = "";
    for (let index = 0; index < pattern.length; index++) {
      const char = pattern[index];
      if (char === LITERAL_MARK) {
        units += pattern[index + 1] ?? "";
        index++;
      } else if (char === "?") {
        units += ONE;
      } else if (char === "*") {
        const next = pattern[index + 1];
        units += next === undefined || next === ":" ? ACROSS_SEGMENTS : IN_SEGMENT;
      } else {
        units += char;
      }
    }
    unitCache.set(pattern, units);
  }
  return units;
}

const regExpCache = new Map<string, RegExp>();

/** True when the resource pattern of a policy matches a concrete ARN (or `*` alone anything). */
export function arnPatternMatches(pattern: string, arn: string): boolean {
  let regExp = regExpCache.get(pattern);
  if (!regExp) {
    const body = [...patternUnits(pattern)]
      .map((unit) =>
        unit === ONE
          ? "[^:]"
          : unit === IN_SEGMENT
            ? "[^:]*"
            : unit === ACROSS_SEGMENTS
              ? ".*"
              : unit.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"),
      )
      .join("");
    regExp = new RegExp(`^${body}$`, "s");
    regExpCache.set(pattern, regExp);
  }
  return regExp.test(arn);
}

/** Can pattern unit `p` (not a `*`) stand for subject unit `s` (one step of the covering walk)? */
function coversOne(p: string, s: string): boolean {
  if (s === ANY_VALUE) return false;
  return p === ONE ? s !== ":" : p === s;
}

/**
 * True when every string the subject stands for is matched by the pattern. Subject variables
 * can only be taken by a `*`. Sound (never says yes wrongly) for the template shapes of the
 * reference; exotic patterns may be missed, which only under-reports coverage. The literal head
 * and tail are compared first (most patterns name a resource and fail there at once); only the
 * part between the first and the last `*` needs the full walk.
 */
function covers(pattern: string, subject: string): boolean {
  let head = 0;
  while (head < pattern.length && !isStar(pattern[head])) {
    if (head >= subject.length || !coversOne(pattern[head], subject[head])) return false;
    head++;
  }
  let patternEnd = pattern.length;
  let subjectEnd = subject.length;
  while (patternEnd > head && !isStar(pattern[patternEnd - 1])) {
    if (subjectEnd <= head || !coversOne(pattern[patternEnd - 1], subject[subjectEnd - 1])) {
      return false;
    }
    patternEnd--;
    subjectEnd--;
  }
  if (head === patternEnd) return head === subjectEnd;
  const width = subjectEnd - head + 1;
  // 0: not yet known, 1: no, 2: yes.
  const memo = new Uint8Array((patternEnd - head + 1) * width);
  const walk = (i: number, j: number): boolean => {
    const key = (i - head) * width + (j - head);
    if (memo[key] !== 0) return memo[key] === 2;
    let result: boolean;
    if (i === patternEnd) {
      result = j === subjectEnd;
    } else if (isStar(pattern[i])) {
      const canTake = j < subjectEnd && (pattern[i] === ACROSS_SEGMENTS || subject[j] !== ":");
      result = walk(i + 1, j) || (canTake && walk(i, j + 1));
    } else {
      result = j < subjectEnd && coversOne(pattern[i], subject[j]) && walk(i + 1, j + 1);
    }
    memo[key] = result ? 2 : 1;
    return result;
  };
  return walk(head, head);
}

const templateParts = new Map<string, string[]>();
const subjects = new Map<string, string>();

/**
 * The template's ARNs for one partition: `${Partition}` set, `${Region}` / `${Account}` set to
 * the pattern's own segment when that is literal (a pattern naming one account still covers
 * every role in it), every other variable left open. Cached: templates and the regions and
 * accounts a stack names are few.
 */
function templateUnits(template: string, fixed: Record<string, string | undefined>): string {
  const key = `${template}\n${fixed.Partition}\n${fixed.Region ?? "*"}\n${fixed.Account ?? "*"}`;
  let units = subjects.get(key);
  if (units === undefined) {
    let parts = templateParts.get(template);
    if (!parts) {
      parts = template.split(/(\$\{[^}]+\})/);
      templateParts.set(template, parts);
    }
    units = parts
      .map((part, index) => (index % 2 === 0 ? part : (fixed[part.slice(2, -1)] ?? ANY_VALUE)))
      .join("");
    subjects.set(key, units);
  }
  return units;
}

/** Variables a pattern may fix by naming them; any other one only a `*` can cover. */
const FIXABLE = new Set(["${Partition}", "${Region}", "${Account}"]);
const openTemplates = new Map<string, boolean>();

function hasOpenVariable(template: string): boolean {
  let open = openTemplates.get(template);
  if (open === undefined) {
    open = (template.match(/\$\{[^}]+\}/g) ?? []).some((variable) => !FIXABLE.has(variable));
    openTemplates.set(template, open);
  }
  return open;
}

/**
 * True when the pattern matches every ARN of a resource type, given as the reference's template
 * (`arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}`) in any one
 * partition: `arn:aws:secretsmanager:*:*:secret*`, `arn:aws-cn:iam::123456789012:role/*` and
 * `arn:aws*:s3:::*` each reach every resource of their type; `…:secret:db-*` does not.
 */
export function patternCoversResourceType(pattern: string, template: string): boolean {
  // Most patterns name resources: without a `*` they cannot cover a name the template leaves open.
  if (!pattern.includes("*") && hasOpenVariable(template)) {
    return false;
  }
  const units = patternUnits(pattern);
  const segments = pattern.split(":");
  const literal = (index: number) => {
    const segment = segments[index];
    return segments.length >= 6 && segment !== undefined && !/[*?]/.test(segment)
      ? segment
      : undefined;
  };
  const [Region, Account] = [literal(3), literal(4)];
  return PARTITIONS.some((Partition) =>
    covers(units, templateUnits(template, { Partition, Region, Account })),
  );
}

/** Can two pattern units (neither a `*`) stand for the same one character? */
function sameCharacter(a: string, b: string): boolean {
  if (a === ONE) return b !== ":";
  if (b === ONE) return a !== ":";
  return a === b;
}

/**
 * True when some ARN matches both patterns (a Deny on one may take away part of an Allow on the
 * other; two grants may reach the same resource). `*` alone overlaps everything.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const left = patternUnits(a);
  const right = patternUnits(b);
  const width = right.length + 1;
  const memo = new Uint8Array((left.length + 1) * width);
  // A star can produce the other side's next character unless that is a colon it may not
  // cross; two stars can always produce the same (empty) text.
  const produces = (star: string, other: string) => star === ACROSS_SEGMENTS || other !== ":";
  const walk = (i: number, j: number): boolean => {
    const key = i * width + j;
    if (memo[key] !== 0) return memo[key] === 2;
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
    memo[key] = result ? 2 : 1;
    return result;
  };
  return walk(0, 0);
}
