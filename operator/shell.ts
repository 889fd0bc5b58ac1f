import type { StackOutputs } from "../lib/stackOutputs";
import { UsageError } from "../offline/stackFiles";
import { STRATEGIES } from "../strategies/registry";
import { STRATEGY_NAMES, StrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import type { ShellSupport } from "./shellSupport";

export const INSTALL = {
  aws: "the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html",
  "session-manager-plugin":
    "the Session Manager plugin: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html",
} as const;

/** The strategies with a {@link ShellSupport}, in the registry's order. */
export const SHELL_STRATEGIES: readonly StrategyName[] = STRATEGY_NAMES.filter(
  (name) => (STRATEGIES[name] as StrategyModule).shell !== undefined,
);

/** The strategy to use: the one asked for, else the first shell strategy the stack selects. */
export function chooseStrategy(
  outputs: StackOutputs,
  stack: string,
  wanted?: StrategyName,
): StrategyName {
  const available = SHELL_STRATEGIES.filter((s) => outputs.strategies.includes(s));
  const chosen = wanted ?? available[0];
  if (!chosen || !available.includes(chosen)) {
    throw new UsageError(
      `stack ${stack} does not select ${wanted ?? SHELL_STRATEGIES.join(" or ")} (strategies: ${outputs.strategies.join(", ")}); add it to fargate-access:strategies and run pulumi up${available.length ? `, or use --strategy ${available[0]}` : ""}.`,
    );
  }
  return chosen;
}

/** The shell support of a strategy (loaded on first use: it brings its AWS SDK clients). */
export async function shellSupportOf(strategy: StrategyName): Promise<ShellSupport> {
  const load = (STRATEGIES[strategy] as StrategyModule).shell;
  if (!load)
    throw new UsageError(`${strategy} opens no shell; use ${SHELL_STRATEGIES.join(" or ")}.`);
  return load();
}

// Pure, so a strategy's module can quote without loading the registry (an import cycle).
export { shellQuote } from "../lib/shellQuote";
