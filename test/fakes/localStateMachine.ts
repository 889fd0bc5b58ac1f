import { ExecutionError, StateMachine } from "aws-local-stepfunctions";
import { assertRunTaskParameters } from "./ecsRunTaskContract";

type Json = Parameters<StateMachine["run"]>[0];

/** What the stubbed ECS task does with the Parameters it received (already checked against the RunTask shape). */
export type RunTaskBehaviour = (parameters: Record<string, unknown>) => Promise<unknown> | unknown;

/** How a local execution ended: its output, or its error name and cause. */
export type LocalOutcome =
  | { status: "SUCCEEDED"; output: unknown }
  | { status: "FAILED"; error: string; cause: string }
  | { status: "ABORTED" };

export interface LocalExecution {
  /** Settles when the execution ends; never rejects. */
  outcome: Promise<LocalOutcome>;
  /** The names of the states entered, in order (item processors' included). */
  entered: string[];
  /** The resolved Parameters of every ECS task the run started, as Step Functions sends them. */
  runTaskCalls: Record<string, unknown>[];
  abort(): void;
}

/**
 * Runs a real state machine definition in the local interpreter (aws-local-stepfunctions), with
 * every `arn:aws:states:::ecs:runTask*` Task state stubbed: its resolved Parameters are first
 * checked against the RunTask request shape (an uncatchable `States.Runtime` otherwise, as Step
 * Functions does), then handed to `behaviour`.
 */
export function startLocalExecution(
  definition: object,
  input: Json,
  behaviour: RunTaskBehaviour,
  options: { retryIntervalMs?: number } = {},
): LocalExecution {
  const states = (definition as { States: Record<string, { Type: string; Resource?: string }> })
    .States;
  const runTaskStates = Object.entries(states)
    .filter(
      ([, state]) =>
        state.Type === "Task" && /^arn:aws:states:::ecs:runTask/.test(state.Resource ?? ""),
    )
    .map(([name]) => name);
  const runTaskCalls: Record<string, unknown>[] = [];
  const handler = async (parameters: Json) => {
    runTaskCalls.push(parameters as Record<string, unknown>);
    assertRunTaskParameters(parameters);
    return (await behaviour(parameters as Record<string, unknown>)) as Json;
  };
  const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers: Object.fromEntries(runTaskStates.map((name) => [name, handler])),
      retryIntervalOverrides: Object.fromEntries(
        runTaskStates.map((name) => [name, options.retryIntervalMs ?? 0]),
      ),
    },
  });
  const entered: string[] = [];
  const events = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === "StateEntered") entered.push(event.state.name);
    }
  })();
  const outcome = (async (): Promise<LocalOutcome> => {
    try {
      const output = await execution.result;
      await events;
      return { status: "SUCCEEDED", output };
    } catch (error) {
      await events.catch(() => undefined);
      if (error instanceof ExecutionError) {
        const cause = error.cause as { name?: string; message?: string } | undefined;
        return { status: "FAILED", error: cause?.name ?? "", cause: cause?.message ?? "" };
      }
      if (error instanceof Error && error.name === "ExecutionAbortedError") {
        return { status: "ABORTED" };
      }
      throw error;
    }
  })();
  return { outcome, entered, runTaskCalls, abort: () => execution.abort() };
}
