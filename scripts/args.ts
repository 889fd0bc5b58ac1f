import { UsageError } from "../offline/stackFiles";

/** A script's arguments: the stack, boolean `--flag`s and `--policy-config FILE`. */
export interface ScriptArgs {
  /** `--stack NAME`; default `dev`. */
  stack: string;
  flags: Set<string>;
  /** `--policy-config FILE`: per-rule settings, as `pulumi … --policy-pack-config` takes them. */
  policyConfig?: string;
  /** `--outputs FILE`: stack outputs as JSON (the doctor, instead of `pulumi stack output`). */
  outputs?: string;
}

const VALUED = ["stack", "policy-config", "outputs"] as const;

/** Parses `--stack NAME`, `--policy-config FILE` (also as `--x=value`) and boolean flags. */
export function parseArgs(argv: string[]): ScriptArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const [option, inline] = argv[i].split(/=(.*)/s, 2);
    const name = option.slice(2);
    if (option.startsWith("--") && (VALUED as readonly string[]).includes(name)) {
      const value = inline ?? argv[++i] ?? "";
      if (!value || value.startsWith("--")) {
        throw new UsageError(
          `--${name} needs a value, e.g. --${name} ${name === "stack" ? "dev" : "policy-config.json"}`,
        );
      }
      values[name] = value;
    } else if (option.startsWith("--") && inline === undefined) {
      flags.add(name);
    } else {
      throw new UsageError(`Unexpected argument ${argv[i]}; use --stack NAME.`);
    }
  }
  return {
    stack: values.stack ?? "dev",
    flags,
    policyConfig: values["policy-config"],
    outputs: values.outputs,
  };
}
