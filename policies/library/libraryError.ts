import { RunError } from "@pulumi/pulumi/errors";

/**
 * A selection or setting of the rules that cannot be honoured; the message lists every problem,
 * each naming the key, the value and what is allowed. A `RunError`: the Pulumi CLI's policy-pack
 * host prints its message without a stack trace ("Always hide the stack for RunErrors",
 * @pulumi/pulumi cmd/run-policy-pack/run.js), so an organisation's pack fails to load with just
 * what to fix.
 */
export class RuleLibraryError extends RunError {
  constructor(readonly problems: readonly string[]) {
    super(`fargate-access-policies: ${problems.join("\n")}`);
    this.name = "RuleLibraryError";
  }
}

/** `"a", "b" or "c"`, for messages that say what is allowed. */
export function quotedChoices(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length <= 1
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** Edits (insert, delete, replace) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, replace));
    }
    previous = current;
  }
  return previous[b.length];
}

/** ` (did you mean "x"?)` for the nearest choice within three edits, else "". */
export function didYouMean(value: string, choices: readonly string[]): string {
  const nearest = choices
    .map((choice) => ({ choice, distance: editDistance(value, choice) }))
    .sort((x, y) => x.distance - y.distance)[0];
  return nearest && nearest.distance <= 3
    ? ` (did you mean ${JSON.stringify(nearest.choice)}?)`
    : "";
}
