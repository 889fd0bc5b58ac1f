import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
} from "@aws-sdk/client-sfn";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "../../doctor/types";

const { pass, fail, warn } = resultsFor("stepFunctions");
const FAILED = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** The state machine is active, and how its last runs ended. */
export async function stepFunctionsChecks(
  clients: DoctorClients,
  target: DoctorTarget,
): Promise<CheckResult[]> {
  const stateMachineArn = target.outputs.stepFunctionsStateMachineArn ?? "";
  const machine = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  const results = [
    machine.status === "ACTIVE"
      ? pass("state-machine-active", `${machine.name} ACTIVE`)
      : fail("state-machine-active", `${machine.name} is ${machine.status}`, "run pulumi up"),
  ];
  const executions =
    (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 10 })))
      .executions ?? [];
  const failed = executions.filter((e) => FAILED.has(e.status ?? ""));
  if (failed.length === 0) {
    results.push(pass("recent-executions", `${executions.length} recent run(s), none failed`));
    return results;
  }
  const last = await clients.sfn.send(
    new DescribeExecutionCommand({ executionArn: failed[0].executionArn }),
  );
  results.push(
    warn(
      "recent-executions",
      `${failed.length} of the last ${executions.length} run(s) failed; latest: ${last.error ?? failed[0].status}: ${last.cause ?? "no cause recorded"}`,
      "NonZeroExitCode is the command's own failure; RunTaskFailed and InvalidInput are the run's — see the execution history",
    ),
  );
  return results;
}
