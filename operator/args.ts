import { parseArgs } from "util";
import { UsageError } from "../offline/stackFiles";

/** Options both operator commands take. */
export interface OperatorArgs {
  stack: string;
  /** `--outputs FILE`: the stack's outputs as JSON, instead of `pulumi stack output --json`. */
  outputs?: string;
  /** `--assume-operator-role`: call AWS as the stack's operator role (from the outputs). */
  assumeOperatorRole: boolean;
  json: boolean;
}

export interface TaskArgs extends OperatorArgs {
  /** The command to run, everything after `--`. */
  command: string[];
  /** `--env K=V`, in the order given. */
  environment: { name: string; value: string }[];
  /** `--no-wait`: start the run and return at once. */
  wait: boolean;
}

export interface ShellArgs extends OperatorArgs {
  strategy?: "ecsExec" | "sessionManager";
  command?: string;
}

const COMMON = {
  stack: { type: "string" },
  outputs: { type: "string" },
  "assume-operator-role": { type: "boolean" },
  json: { type: "boolean" },
} as const;

type Options = Parameters<typeof parseArgs>[0] extends infer C
  ? C extends { options?: infer O }
    ? O
    : never
  : never;

/** Node's own parser (strict: unknown flags and missing values are errors), with usage in the message. */
function parse(argv: string[], options: Options, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

function common(values: Record<string, unknown>): OperatorArgs {
  return {
    stack: (values.stack as string | undefined) ?? "dev",
    outputs: values.outputs as string | undefined,
    assumeOperatorRole: values["assume-operator-role"] === true,
    json: values.json === true,
  };
}

const TASK_USAGE =
  "npm run task -- --stack <s> [--outputs FILE] [--env K=V]... [--assume-operator-role] [--no-wait] [--json] -- <command...>";

/** `--stack s [--env K=V]... [--no-wait] [--json] -- command args...` */
export function parseTaskArgs(argv: string[]): TaskArgs {
  const { values, positionals, tokens } = parse(
    argv,
    { ...COMMON, env: { type: "string", multiple: true }, "no-wait": { type: "boolean" } },
    TASK_USAGE,
  );
  const terminator = tokens.find((token) => token.kind === "option-terminator");
  const beforeTerminator = tokens.filter(
    (token): token is Extract<typeof token, { kind: "positional" }> =>
      token.kind === "positional" && (!terminator || token.index < terminator.index),
  );
  if (beforeTerminator.length > 0) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(beforeTerminator[0].value)}: put the command after --, e.g. npm run task -- --stack dev -- php artisan batch:x\nusage: ${TASK_USAGE}`,
    );
  }
  if (positionals.length === 0) {
    throw new UsageError(
      `no command to run: put it after --, e.g. npm run task -- --stack dev -- sh -c 'echo hello'\nusage: ${TASK_USAGE}`,
    );
  }
  const environment = ((values.env as string[] | undefined) ?? []).map((pair) => {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!match) {
      throw new UsageError(
        `--env ${JSON.stringify(pair)}: expected NAME=value with NAME made of letters, digits and _ (not starting with a digit), e.g. --env LOG_LEVEL=debug`,
      );
    }
    return { name: match[1], value: match[2] };
  });
  return {
    ...common(values),
    command: positionals,
    environment,
    wait: values["no-wait"] !== true,
  };
}

const SHELL_USAGE =
  "npm run shell -- --stack <s> [--outputs FILE] [--strategy ecsExec|sessionManager] [--command CMD] [--assume-operator-role] [--json]";

const SHELL_STRATEGIES = ["ecsExec", "sessionManager"] as const;

/** `--stack s [--strategy ecsExec|sessionManager] [--command CMD]` */
export function parseShellArgs(argv: string[]): ShellArgs {
  const { values, positionals } = parse(
    argv,
    { ...COMMON, strategy: { type: "string" }, command: { type: "string" } },
    SHELL_USAGE,
  );
  if (positionals.length > 0) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(positionals[0])}; pass a command with --command "…"\nusage: ${SHELL_USAGE}`,
    );
  }
  const strategy = values.strategy as string | undefined;
  if (strategy !== undefined && !(SHELL_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new UsageError(
      `--strategy ${JSON.stringify(strategy)} is not a shell strategy; use ecsExec or sessionManager (stepFunctions runs a new task: npm run task).`,
    );
  }
  return {
    ...common(values),
    strategy: strategy as ShellArgs["strategy"],
    command: values.command as string | undefined,
  };
}
