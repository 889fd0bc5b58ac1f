import { UsageError } from "../offline/stackFiles";
import { FLAGS, FlagSpec, ScriptArgs, ScriptSpec, parseArgs } from "../scripts/args";
import type { OperatorArgs, ShellArgs, TaskArgs } from "./operatorArgs";
import { SHELL_STRATEGIES } from "./shell";
import { MFA_CODE } from "./sourceIdentity";

const OPERATOR_FLAGS: FlagSpec[] = [
  FLAGS.stack,
  {
    name: "outputs",
    value: "FILE",
    help: "the stack's outputs as JSON (pulumi stack output --json > FILE); default: ask the Pulumi CLI",
  },
  {
    name: "assume-operator-role",
    help: "call AWS as the stack's operator role (its ARN is in the outputs), through STS, with your name as the source identity",
  },
  {
    name: "mfa-serial",
    value: "ARN",
    help: "with --assume-operator-role: your MFA device (aws iam list-mfa-devices), when the role requires MFA",
  },
  {
    name: "mfa-code",
    value: "CODE",
    help: "its current 6-digit code (default: asked for on the terminal)",
  },
  FLAGS.json,
];

/** SerialNumber: `[\w+=/:,.@-]+` (SDK model client-sts AssumeRoleRequest). */
const MFA_SERIAL = /^[\w+=/:,.@-]{9,256}$/;

export const TASK_SPEC: ScriptSpec = {
  command: "npm run task",
  summary:
    "Runs a command in a new task through the stack's state machine, streams its log and exits with the container's exit code.",
  flags: [
    ...OPERATOR_FLAGS,
    { name: "env", value: "NAME=value", repeatable: true, help: "a container variable" },
    { name: "no-wait", help: "start the run, print its ARN and return at once" },
  ],
  rest: "COMMAND...",
};

export const SHELL_SPEC: ScriptSpec = {
  command: "npm run shell",
  summary:
    "Opens a shell (or runs --command) in the stack's running task through ECS Exec or Session Manager.",
  flags: [
    ...OPERATOR_FLAGS,
    {
      name: "strategy",
      value: SHELL_STRATEGIES.join("|"),
      help: "which access path to use (default: the one the stack selects)",
    },
    { name: "command", value: "CMD", help: "run this instead of an interactive shell (ECS Exec)" },
  ],
};

function common(args: ScriptArgs): OperatorArgs {
  const assumeOperatorRole = args.flags.has("assume-operator-role");
  const mfaSerial = args.values["mfa-serial"];
  const mfaCode = args.values["mfa-code"];
  if ((mfaSerial !== undefined || mfaCode !== undefined) && !assumeOperatorRole) {
    throw new UsageError(
      `--${mfaSerial !== undefined ? "mfa-serial" : "mfa-code"} goes with --assume-operator-role (MFA is given when the operator role is assumed); add --assume-operator-role or drop it.`,
    );
  }
  if (mfaSerial !== undefined && !MFA_SERIAL.test(mfaSerial)) {
    throw new UsageError(
      `--mfa-serial ${JSON.stringify(mfaSerial)}: expected your MFA device's ARN (arn:aws:iam::123456789012:mfa/alice) or a hardware serial, letters, digits and _+=/:,.@- only (aws iam list-mfa-devices lists yours).`,
    );
  }
  if (mfaCode !== undefined && mfaSerial === undefined) {
    throw new UsageError(
      "--mfa-code needs --mfa-serial: STS checks the code against the device it names.",
    );
  }
  if (mfaCode !== undefined && !MFA_CODE.test(mfaCode)) {
    // The code itself is not repeated: it is a credential, however short-lived.
    throw new UsageError("--mfa-code: expected the six digits your MFA device shows now.");
  }
  return {
    stack: args.stack,
    outputs: args.outputs,
    assumeOperatorRole,
    ...(mfaSerial !== undefined ? { mfaSerial } : {}),
    ...(mfaCode !== undefined ? { mfaCode } : {}),
    json: args.flags.has("json"),
    help: args.help,
  };
}

/** `--stack s [--env K=V]... [--no-wait] [--json] -- command args...` */
export function parseTaskArgs(argv: string[]): TaskArgs {
  const args = parseArgs(argv, TASK_SPEC);
  if (!args.help && args.rest.length === 0) {
    throw new UsageError(
      "no command to run: put it after --, e.g. npm run task -- --stack dev -- sh -c 'echo hello'",
    );
  }
  const environment = (args.lists.env ?? []).map((pair) => {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!match) {
      throw new UsageError(
        `--env ${JSON.stringify(pair)}: expected NAME=value with NAME made of letters, digits and _ (not starting with a digit), e.g. --env LOG_LEVEL=debug`,
      );
    }
    return { name: match[1], value: match[2] };
  });
  return {
    ...common(args),
    command: args.rest,
    environment,
    wait: !args.flags.has("no-wait"),
  };
}

/** `--stack s [--strategy ecsExec|sessionManager] [--command CMD]` */
export function parseShellArgs(argv: string[]): ShellArgs {
  const args = parseArgs(argv, SHELL_SPEC);
  const strategy = args.values.strategy;
  if (strategy !== undefined && !SHELL_STRATEGIES.some((name) => name === strategy)) {
    throw new UsageError(
      `--strategy ${JSON.stringify(strategy)} is not a shell strategy; use ${SHELL_STRATEGIES.join(" or ")} (a one-off command runs in a new task: npm run task).`,
    );
  }
  return {
    ...common(args),
    strategy: SHELL_STRATEGIES.find((name) => name === strategy),
    command: args.values.command,
  };
}
