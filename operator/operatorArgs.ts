import type { StrategyName } from "../strategies/strategyName";

// The parsed arguments of the operator commands: types below the registry (a strategy's task
// and shell support take them); args.ts parses them.

/** Options both operator commands take. */
export interface OperatorArgs {
  stack: string;
  /** `--outputs FILE`: the stack's outputs as JSON, instead of `pulumi stack output --json`. */
  outputs?: string;
  /** `--assume-operator-role`: call AWS as the stack's operator role (from the outputs). */
  assumeOperatorRole: boolean;
  /** `--mfa-serial`: the caller's MFA device (ARN of a virtual device, or a hardware serial). */
  mfaSerial?: string;
  /** `--mfa-code`: its current six-digit code (else asked for on a terminal). */
  mfaCode?: string;
  json: boolean;
  /** `--help`: print the command's help and do nothing else. */
  help: boolean;
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
  /** `--strategy`: one of `SHELL_STRATEGIES` (shell.ts); default the first the stack selects. */
  strategy?: StrategyName;
  command?: string;
}
