/**
 * Bad arguments to a library component, all of them at once: which component, which key, the
 * value and what is allowed. Thrown before the component creates anything, so a mistake never
 * leaves half a strategy behind. `__pulumiRunError` makes the Pulumi engine print the message
 * alone, without a stack trace (@pulumi/pulumi `runtime/errors.ts`, `isRunError`).
 */
export class LibraryInputError extends Error {
  readonly __pulumiRunError = true;

  constructor(
    readonly component: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid arguments to ${component} (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "LibraryInputError";
  }
}
