import { FieldReader, show } from "../../config/fieldReader";
import { Field } from "../../config/schema";

/**
 * `stepFunctions.allowedCommands`: argv patterns the state machine enforces before it starts a
 * task. A pattern is a list of argument patterns; a command is allowed when it has exactly as
 * many arguments as one pattern and each argument matches the pattern's element at the same
 * position, as the Choice state's `StringMatches` compares: `*` is any run of characters
 * (none included), `\*` a literal star and `\\` a literal backslash; "no characters other than
 * `*` have any special meaning during matching" (Amazon States Language specification, Choice
 * Rules; Step Functions developer guide, "Choice workflow state").
 */
export type AllowedCommands = string[][];

const ALLOWED =
  'a list of argv patterns, each a non-empty list of non-empty strings, e.g. [[php, artisan, "batch:*"]]; `*` matches any characters, `\\*` a star, `\\\\` a backslash';

/** Why an argument pattern is not one StringMatches reads unambiguously, or undefined. */
function escapeProblem(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== "\\") continue;
    const next = pattern[i + 1];
    if (next !== "*" && next !== "\\") {
      return `a backslash must be followed by * or \\ (write \\\\ for a backslash), got ${show(pattern)}`;
    }
    i++;
  }
  return undefined;
}

/** Reads and checks the key: every problem is recorded with its position, the value and what is allowed. */
function readAllowedCommands(section: FieldReader, key: string): AllowedCommands {
  const value = section.value(key);
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    section.fail(key, `must be ${ALLOWED}; got ${show(value)}.`);
    return [];
  }
  if (value.length > 0 && value.every((item) => typeof item === "string")) {
    section.fail(
      key,
      `must be a list of patterns, each a list: got one flat list ${show(value)}; write [${show(value)}].`,
    );
    return [];
  }
  const patterns: AllowedCommands = [];
  value.forEach((pattern: unknown, i) => {
    const at = `${key}[${i}]`;
    if (!Array.isArray(pattern) || pattern.length === 0) {
      section.fail(
        at,
        `must be a non-empty list of argument patterns (strings); got ${show(pattern)}.`,
      );
      return;
    }
    let valid = true;
    pattern.forEach((argument: unknown, j) => {
      const problem =
        typeof argument !== "string" || argument === ""
          ? `must be a non-empty string; got ${show(argument)}`
          : escapeProblem(argument);
      if (problem) {
        section.fail(`${at}[${j}]`, `${problem}.`);
        valid = false;
      }
    });
    if (!valid) return;
    patterns.push(pattern as string[]);
  });
  return patterns;
}

/** The config field: absent or `[]` allows any command. */
export const allowedCommandsField: Field<AllowedCommands> = {
  defaultText: "`[]` (any command)",
  doc: `${ALLOWED}; the state machine refuses any other command with \`CommandNotAllowed\` before it starts a task`,
  read: readAllowedCommands,
};

/** One argument against one StringMatches pattern, as Step Functions reads it (see above). */
export function argumentMatches(pattern: string, argument: string): boolean {
  let regex = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      regex += escapeRegExp(pattern[++i]);
    } else {
      regex += c === "*" ? "[\\s\\S]*" : escapeRegExp(c);
    }
  }
  return new RegExp(`^${regex}$`).test(argument);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether the state machine lets `command` run under `patterns` (empty: any command). */
export function commandAllowed(patterns: AllowedCommands, command: string[]): boolean {
  return (
    patterns.length === 0 ||
    patterns.some(
      (pattern) =>
        pattern.length === command.length &&
        pattern.every((element, i) => argumentMatches(element, command[i])),
    )
  );
}
