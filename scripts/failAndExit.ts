import { ConfigError } from "../config/validate";
import { UsageError } from "../offline/stackFiles";

/**
 * A script's entry point: `main(argv)` reads its arguments (without `node script.js`), prints
 * with `console.log`/`console.error`, and resolves to the exit code; a user's mistake is thrown
 * as a `UsageError` or `ConfigError`. Tests call it in-process (test/helpers/runScript.ts).
 */
export type ScriptMain = (argv: string[]) => Promise<number>;

/** The message of a user's mistake (bad config, bad flag), or `undefined` for anything else. */
export function userMessage(error: unknown): string | undefined {
  return error instanceof ConfigError || error instanceof UsageError ? error.message : undefined;
}

/** What a failure prints: a user's mistake as its message alone, anything else with its stack. */
export function failureText(error: unknown): string {
  return (
    userMessage(error) ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))
  );
}

/** Prints a failure (see `failureText`); exits 1. */
export function failAndExit(error: unknown): never {
  console.error(failureText(error));
  process.exit(1);
}

/**
 * Runs a script's `main` as a command: its result becomes the exit code, a failure is printed
 * and exits 1. Each script ends with `if (require.main === module) runMain(main);` and
 * scripts/run.js calls it too.
 */
export async function runMain(main: ScriptMain, argv = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    console.error(failureText(error));
    process.exitCode = 1;
  }
}
