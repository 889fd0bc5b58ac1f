/** A state of an Amazon States Language definition, with the path that reaches it. */
export interface LocatedState {
  path: string;
  state: Record<string, unknown>;
}

type States = Record<string, Record<string, unknown>>;

/** Parses ASL text; `undefined` while unknown (preview) or invalid. */
export function parseDefinition(value: unknown): { States?: States } | undefined {
  if (typeof value === "object" && value !== null) {
    return value as { States?: States };
  }
  if (typeof value !== "string") {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Every state, including those inside Parallel branches and Map item processors. */
export function allStates(definition: { States?: States }, prefix = ""): LocatedState[] {
  const found: LocatedState[] = [];
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    const path = prefix ? `${prefix}/${name}` : name;
    found.push({ path, state });
    for (const [index, branch] of ((state.Branches as { States?: States }[]) ?? []).entries()) {
      found.push(...allStates(branch, `${path}/branch${index}`));
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as { States?: States } | undefined;
    if (processor) {
      found.push(...allStates(processor, path));
    }
  }
  return found;
}

/** Task states that start ECS tasks (`ecs:runTask`, `.sync` or `.waitForTaskToken`). */
export function runTaskStates(definition: { States?: States }): LocatedState[] {
  return allStates(definition).filter(
    ({ state }) =>
      state.Type === "Task" &&
      typeof state.Resource === "string" &&
      /^arn:aws[a-z-]*:states:::ecs:runTask/.test(state.Resource),
  );
}
