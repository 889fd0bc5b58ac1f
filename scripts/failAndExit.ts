import { ConfigError } from "../config/validate";
import { UsageError } from "../offline/stackFiles";

/** Prints a user's mistake as its message alone, anything else with its stack; exits 1. */
export function failAndExit(error: unknown): never {
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? error.stack : String(error));
  }
  process.exit(1);
}
