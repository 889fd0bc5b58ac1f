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
