import { ResourceValidationPolicy } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { forType, TYPES } from "../lib/resourceTypes";

/**
 * Stack names that count as production unless the team configures its own pattern (matched
 * case-insensitively against the stack name in the resource's URN, `urn:pulumi:<stack>::…`).
 * The program uses the same default (issue 24, "MFA on by default in production-like stacks").
 */
export const DEFAULT_PRODUCTION_STACK_PATTERN = "^(prod|production)([-_.].*)?$";

/** The error of the Fail state that refuses a command (strategies/stepFunctions/definition.ts). */
const COMMAND_NOT_ALLOWED = "CommandNotAllowed";

type States = Record<string, Record<string, unknown>>;

/** The stack of a URN, `urn:pulumi:<stack>::<project>::<type>::<name>`. */
function stackOf(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/** Where a state may go next: Next, Default, each Choice rule's Next, each Catch's Next. */
function successors(state: Record<string, unknown>): string[] {
  const next: unknown[] = [state.Next, state.Default];
  for (const list of [state.Choices, state.Catch]) {
    if (Array.isArray(list)) next.push(...list.map((item) => (item as { Next?: unknown }).Next));
  }
  return next.filter((name): name is string => typeof name === "string");
}

/** Whether `name` reaches a `CommandNotAllowed` Fail state through Pass states only. */
function refuses(states: States, name: unknown, seen = new Set<string>()): boolean {
  if (typeof name !== "string" || seen.has(name)) return false;
  seen.add(name);
  const state = states[name];
  if (state?.Type === "Fail") return state.Error === COMMAND_NOT_ALLOWED;
  return state?.Type === "Pass" && refuses(states, state.Next, seen);
}

/**
 * A gate: a Choice state that refuses by default (what matches no rule ends in
 * `CommandNotAllowed`), so only commands its rules name pass.
 */
function isGate(states: States, state: Record<string, unknown>): boolean {
  return state.Type === "Choice" && refuses(states, state.Default);
}

/**
 * Whether some path from StartAt reaches an ECS task state without passing a gate. A state that
 * nests ECS tasks (Map, Parallel) counts as one at its place in the top-level graph.
 */
function ungatedPathToTask(
  top: { startAt?: string; states: States },
  taskTopStates: Set<string>,
): boolean {
  const { states } = top;
  const queue = top.startAt ? [top.startAt] : [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name) || !(name in states)) continue;
    seen.add(name);
    if (taskTopStates.has(name)) return true;
    if (isGate(states, states[name])) continue;
    queue.push(...successors(states[name]));
  }
  return false;
}

/** A production-like run-task state machine refuses commands outside an allow-list. */
export const stateMachineCommandAllowList: ResourceValidationPolicy = {
  name: "state-machine-command-allow-list",
  description:
    "In a production-like stack, a state machine that runs ECS tasks should refuse commands outside " +
    "an allow-list before it starts a task (a Choice state whose default ends in a CommandNotAllowed " +
    "Fail state on every path to the task): otherwise anyone who may start it may run any command in production.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      productionStackPattern: {
        type: "string",
        default: DEFAULT_PRODUCTION_STACK_PATTERN,
        description: "stack names (regular expression, case-insensitive) that count as production",
      },
    },
  },
  validateResource: forType(TYPES.stateMachine, (args, reportViolation) => {
    const { productionStackPattern } = args.getConfig<{ productionStackPattern?: string }>();
    const stack = stackOf(args.urn);
    const production = new RegExp(productionStackPattern ?? DEFAULT_PRODUCTION_STACK_PATTERN, "i");
    if (stack === undefined || !production.test(stack)) return;
    const read = readDefinition(args.props.definition);
    if (read.kind !== "parsed" || read.definition.ecsTaskStates.length === 0) return;
    const taskTopStates = new Set(
      read.definition.ecsTaskStates.map(({ path }) => path.split("/")[0]),
    );
    if (ungatedPathToTask(read.definition.top, taskTopStates)) {
      reportViolation(
        `Stack ${stack} is production-like and this state machine starts ECS tasks with any command: no CommandNotAllowed gate guards every path to ${[...taskTopStates].join(", ")}; set fargate-access:stepFunctions.allowedCommands.`,
      );
    }
  }),
};
