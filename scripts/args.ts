import { UsageError } from "../offline/stackFiles";
import { didYouMean } from "../lib/suggest";

/** One option a script accepts: `--name` alone, or `--name VALUE` when `value` is given. */
export interface FlagSpec {
  name: string;
  /** Placeholder of the value in the help text (e.g. `FILE`); absent for a boolean flag. */
  value?: string;
  /** A valued option that may be given several times (`--env A=1 --env B=2`). */
  repeatable?: boolean;
  help: string;
}

/** What a script accepts; its `--help` text and its unknown-option errors come from here. */
export interface ScriptSpec {
  /** How the script is run, e.g. `npm run plan`. */
  command: string;
  summary: string;
  flags: FlagSpec[];
  /** What the words after a bare `--` are (e.g. `COMMAND...`); absent: none are accepted. */
  rest?: string;
}

/** Options several scripts share, so each is described once. */
export const FLAGS = {
  stack: {
    name: "stack",
    value: "NAME",
    help: "the stack whose Pulumi.NAME.yaml is read (default dev)",
  },
  policyConfig: {
    name: "policy-config",
    value: "FILE",
    help: "per-rule settings as JSON, as `pulumi preview --policy-pack-config` takes them",
  },
  allowWeakening: {
    name: "allow-weakening",
    help: "accept a policy config that sets a mandatory rule to advisory or disabled (refused otherwise)",
  },
  json: { name: "json", help: "print one machine-readable JSON document instead of text" },
} satisfies Record<string, FlagSpec>;

const HELP: FlagSpec = { name: "help", help: "show this help and exit" };

/** A script's arguments: the stack, boolean `--flag`s and the valued options. */
export interface ScriptArgs {
  /** `--stack NAME`; default `dev`. */
  stack: string;
  flags: Set<string>;
  /** Every `--name VALUE` given, by name (`stack` included); the last one of a repeatable. */
  values: Record<string, string>;
  /** Every value of each repeatable option, in order. */
  lists: Record<string, string[]>;
  /** The words after a bare `--`, when the spec declares `rest`. */
  rest: string[];
  /** `--policy-config FILE`: per-rule settings, as `pulumi … --policy-pack-config` takes them. */
  policyConfig?: string;
  /** `--outputs FILE`: stack outputs as JSON (the doctor, instead of `pulumi stack output`). */
  outputs?: string;
  /** `--help` was given: print {@link helpText} and do nothing else. */
  help: boolean;
}

/**
 * Parses `argv` against the script's spec: `--name VALUE` or `--name=VALUE` for valued options,
 * `--name` for flags. An option the spec does not declare is refused with the closest one.
 */
export function parseArgs(argv: string[], spec: ScriptSpec): ScriptArgs {
  const declared = [...spec.flags, HELP];
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const flags = new Set<string>();
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") {
      if (!spec.rest) {
        throw new UsageError(`${spec.command} takes no words after --; run it with --help.`);
      }
      rest = argv.slice(i + 1);
      break;
    }
    const [option, inline] = argv[i].split(/=(.*)/s, 2);
    if (!option.startsWith("--")) {
      throw new UsageError(
        spec.rest
          ? `Unexpected argument ${argv[i]} (${spec.command}): put ${spec.rest} after a bare --, e.g. ${spec.command} -- --stack dev -- ${argv[i]}`
          : `Unexpected argument ${argv[i]} (${spec.command}); options start with --. Run with --help for the options.`,
      );
    }
    const flag = declared.find((f) => f.name === option.slice(2));
    if (!flag) {
      const names = declared.map((f) => `--${f.name}`);
      throw new UsageError(
        `Unknown option ${option} (${spec.command}).${didYouMean(option, names)} Run with --help for the options.`,
      );
    }
    if (flag.value === undefined) {
      if (inline !== undefined) {
        throw new UsageError(`--${flag.name} takes no value; remove =${inline}.`);
      }
      flags.add(flag.name);
      continue;
    }
    const value = inline ?? argv[++i] ?? "";
    if (!value || value.startsWith("--")) {
      throw new UsageError(`--${flag.name} needs a value, e.g. --${flag.name} ${flag.value}`);
    }
    if (values[flag.name] !== undefined && !flag.repeatable) {
      throw new UsageError(`--${flag.name} is given twice; give it once.`);
    }
    values[flag.name] = value;
    lists[flag.name] = [...(lists[flag.name] ?? []), value];
  }
  return {
    stack: values.stack ?? "dev",
    flags,
    values,
    lists,
    rest,
    policyConfig: values["policy-config"],
    outputs: values.outputs,
    help: flags.has("help"),
  };
}

/** The `--help` text: usage, summary and one line per option. */
export function helpText(spec: ScriptSpec): string {
  const declared = [...spec.flags, HELP];
  const labels = declared.map(
    (f) => `--${f.name}${f.value ? ` ${f.value}` : ""}${f.repeatable ? " ..." : ""}`,
  );
  const width = Math.max(...labels.map((label) => label.length));
  return [
    `Usage: ${spec.command} -- [options]${spec.rest ? ` -- ${spec.rest}` : ""}`,
    "",
    spec.summary,
    "",
    "Options:",
    ...declared.map((f, i) => `  ${labels[i].padEnd(width)}  ${f.help}`),
  ].join("\n");
}

/**
 * A script's `main(argv)`: parses `argv` by `spec`, prints the help for `--help`, else runs
 * `body` with the parsed arguments and resolves to its exit code.
 */
export function scriptMain(
  spec: ScriptSpec,
  body: (args: ScriptArgs) => Promise<number>,
): (argv: string[]) => Promise<number> {
  return async (argv) => {
    const args = parseArgs(argv, spec);
    if (args.help) {
      console.log(helpText(spec));
      return 0;
    }
    return body(args);
  };
}
