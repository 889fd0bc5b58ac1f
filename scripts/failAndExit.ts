import { ConfigError } from "../config/validate";
import { UsageError } from "../offline/stackFiles";

/** The message of a user's mistake (bad config, bad flag), or `undefined` for anything else. */
export function userMessage(error: unknown): string | undefined {
  return error instanceof ConfigError || error instanceof UsageError ? error.message : undefined;
}

/** Prints a user's mistake as its message alone, anything else with its stack; exits 1. */
export function failAndExit(error: unknown): never {
  console.error(userMessage(error) ?? (error instanceof Error ? error.stack : String(error)));
  process.exit(1);
}
