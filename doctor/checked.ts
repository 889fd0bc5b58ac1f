import type { StrategyName } from "../strategies/strategyName";
import { credentialsProblem } from "./credentials";
import { CheckResult, resultsFor } from "./types";

/**
 * Runs the AWS calls behind `checks`; when one fails, those checks fail with the error and the
 * fix, and the strategy's other checks still run. A credentials or region error is rethrown:
 * every call would fail the same way, and runDoctor reports it once.
 */
export async function checked(
  strategy: StrategyName,
  checks: string[],
  run: () => Promise<CheckResult | CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    const results = await run();
    return Array.isArray(results) ? results : [results];
  } catch (error) {
    if (credentialsProblem(error)) throw error;
    const { name = "Error", message = String(error) } = (error ?? {}) as Partial<Error>;
    const fix = /AccessDenied|UnauthorizedOperation/.test(name)
      ? "grant the caller the read-only permissions the README lists for the doctor"
      : "check the region, the credentials and the stack outputs";
    return checks.map((check) =>
      resultsFor(strategy).fail(check, `could not check: ${name}: ${message.split("\n")[0]}`, fix),
    );
  }
}
