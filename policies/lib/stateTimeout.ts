import { LocatedState } from "./asl";

/**
 * How a Task state bounds its run. `TimeoutSeconds` fixes it only as a literal positive integer;
 * `TimeoutSecondsPath` (JSONPath) and a `{% … %}` expression (JSONata) take it from the
 * execution input or context, so whoever starts the execution chooses how long the task may run
 * (Step Functions developer guide, "Task workflow state": "TimeoutSecondsPath … reference path to
 * select the value dynamically from the state input"; "Transforming data with JSONata": in
 * JSONata states TimeoutSeconds may be an expression). Heartbeats are not judged: a heartbeat can
 * end a task sooner, never later than TimeoutSeconds.
 */
export type StateTimeout =
  { kind: "fixed"; seconds: number } | { kind: "fromInput"; how: string } | { kind: "missing" };

export function stateTimeoutOf({ state }: LocatedState): StateTimeout {
  if (state.TimeoutSecondsPath !== undefined) {
    return {
      kind: "fromInput",
      how: `TimeoutSecondsPath ${JSON.stringify(state.TimeoutSecondsPath)}`,
    };
  }
  const seconds = state.TimeoutSeconds;
  if (typeof seconds === "number" && Number.isInteger(seconds) && seconds > 0) {
    return { kind: "fixed", seconds };
  }
  if (seconds === undefined) {
    return { kind: "missing" };
  }
  return { kind: "fromInput", how: `TimeoutSeconds ${JSON.stringify(seconds)}` };
}
