import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
} from "@aws-sdk/client-sfn";
import { checked } from "../../doctor/checked";
import { CheckResult, DoctorClients, DoctorTarget, resultsFor } from "../../doctor/types";

const { pass, fail, warn } = resultsFor("stepFunctions");
const FAILED = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

/** The state machine is active, and how its last runs ended. */
export async function stepFunctionsChecks(
  clients: DoctorClients,
  target: DoctorTarget,
): Promise<CheckResult[]> {
  const stateMachineArn = target.outputs.stepFunctionsStateMachineArn ?? "";
  return [
    ...(await checked("stepFunctions", ["state-machine-active"], async () => {
      const machine = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
      return machine.status === "ACTIVE"
        ? pass("state-machine-active", `${machine.name} ACTIVE`)
        : fail("state-machine-active", `${machine.name} is ${machine.status}`, "run pulumi up");
    })),
    ...(await checked("stepFunctions", ["recent-executions"], () =>
      recentExecutionsCheck(clients, stateMachineArn),
    )),
  ];
}

/** How the state machine's last ten runs ended, with the latest failure's cause. */
async function recentExecutionsCheck(
  clients: DoctorClients,
  stateMachineArn: string,
): Promise<CheckResult> {
  const executions =
    (await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 10 })))
      .executions ?? [];
  const failed = executions.filter((e) => FAILED.has(e.status ?? ""));
  if (failed.length === 0) {
    return pass("recent-executions", `${executions.length} recent run(s), none failed`);
  }
  const last = await clients.sfn.send(
    new DescribeExecutionCommand({ executionArn: failed[0].executionArn }),
  );
  return warn(
    "recent-executions",
    `${failed.length} of the last ${executions.length} run(s) failed; latest: ${last.error ?? failed[0].status}: ${last.cause ?? "no cause recorded"}`,
    "NonZeroExitCode is the command's own failure; RunTaskFailed and InvalidInput are the run's — see the execution history",
  );
}
