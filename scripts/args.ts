import { UsageError } from "../offline/stackFiles";

/** Parses `--stack NAME` (default `dev`) and boolean `--flag`s from a script's arguments. */
export function parseArgs(argv: string[]): { stack: string; flags: Set<string> } {
  let stack = "dev";
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--stack") {
      stack = argv[++i] ?? "";
      if (!stack) {
        throw new UsageError("--stack needs a stack name, e.g. --stack dev");
      }
    } else if (argv[i].startsWith("--stack=")) {
      stack = argv[i].slice("--stack=".length);
    } else if (argv[i].startsWith("--")) {
      flags.add(argv[i].slice(2));
    } else {
      throw new UsageError(`Unexpected argument ${argv[i]}; use --stack NAME.`);
    }
  }
  return { stack, flags };
}
