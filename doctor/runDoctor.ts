import { STRATEGIES } from "../strategies/registry";
import { isStrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import { credentialsProblem } from "./credentials";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "./types";

/**
 * Runs the checks of every strategy the stack selected; an AWS error fails that strategy only,
 * except a credentials or region error, reported once instead of once per strategy.
 */
export async function runDoctor(
  clients: DoctorClients,
  target: DoctorTarget,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const strategy of target.outputs.strategies) {
    // The outputs are read from a file: a name this version does not know has no checks.
    if (!isStrategyName(strategy)) continue;
    const module: StrategyModule = STRATEGIES[strategy];
    const checks = await module.doctorChecks();
    try {
      results.push(...(await checks(clients, target)));
    } catch (error) {
      const credentials = credentialsProblem(error);
      if (credentials) {
        return [resultsFor("all").fail("aws-credentials", credentials.detail, credentials.fix)];
      }
      const { name, message } = error as Error;
      results.push(
        resultsFor(strategy).fail(
          "aws-calls",
          `could not finish the checks: ${name}: ${message}`,
          name.includes("AccessDenied")
            ? "grant the caller the read-only permissions the README lists for the doctor"
            : "check the region, the credentials and the stack outputs",
        ),
      );
    }
  }
  return results;
}

const SYMBOLS = { pass: "✔", fail: "✖", warn: "!" } as const;

/** One line per check, with the fix under each fail or warning. */
export function renderResults(results: CheckResult[]): string {
  return results
    .flatMap((r) => [
      `${SYMBOLS[r.status]} [${r.strategy}] ${r.check}: ${r.detail}`,
      ...(r.fix ? [`    fix: ${r.fix}`] : []),
    ])
    .join("\n");
}
