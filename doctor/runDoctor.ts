import { STRATEGY_NAMES, StrategyName } from "../config/types";
import { credentialsProblem } from "./credentials";
import { ecsExecChecks } from "./ecsExecChecks";
import { sessionManagerChecks } from "./sessionManagerChecks";
import { stepFunctionsChecks } from "./stepFunctionsChecks";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "./types";

type StrategyChecks = (clients: DoctorClients, target: DoctorTarget) => Promise<CheckResult[]>;

/** Every strategy has its checks: a new strategy without an entry does not compile. */
const CHECKS: Record<StrategyName, StrategyChecks> = {
  ecsExec: ecsExecChecks,
  sessionManager: sessionManagerChecks,
  stepFunctions: stepFunctionsChecks,
};

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
    const checks = CHECKS[strategy];
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

function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}
