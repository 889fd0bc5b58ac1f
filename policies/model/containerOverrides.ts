import { PolicyResource } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";
import { FieldReader } from "./containerFields";
import { ContainerOrigin, NamedValue } from "./containers";
import { fromProperty, parseJson } from "./goJson";

/**
 * What a state machine's ECS task states hand the containers they start: RunTask
 * `Overrides.ContainerOverrides[]` with `Name`, `Command` and `Environment` (ECS API reference
 * ContainerOverride; Step Functions "Run Amazon ECS or Fargate tasks": the request is the RunTask
 * API's, PascalCase). Values taken from the execution input (`Command.$`, JSONata `{% … %}`)
 * are no literal and are left out: they are not in the definition anyone can read.
 */
export interface ContainerOverride {
  origin: ContainerOrigin;
  /** The state's path in the definition (`""` outside state machines). */
  state: string;
  containerName: string;
  environment: NamedValue[];
  command: string[];
}

type Json = Record<string, unknown>;
export const asRecord = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
/** A literal string of a definition: not a JSONata `{% … %}` expression. */
export const literal = (value: unknown): value is string =>
  typeof value === "string" && !/^\s*\{%[\s\S]*%\}\s*$/.test(value);

/** The container overrides of one state machine; its definition is read through asl.ts. */
export function containerOverridesOf(resource: PolicyResource): ContainerOverride[] {
  if (resource.type !== TYPES.stateMachine) return [];
  const read = readDefinition(resource.props.definition);
  if (read.kind !== "parsed") return [];
  const origin: ContainerOrigin = { urn: resource.urn, name: resource.name, type: resource.type };
  return read.definition.ecsTaskStates.flatMap(({ path, state, queryLanguage }) => {
    const request = asRecord(queryLanguage === "JSONata" ? state.Arguments : state.Parameters);
    const overrides = asRecord(request?.Overrides)?.ContainerOverrides;
    return (Array.isArray(overrides) ? overrides : []).flatMap((item): ContainerOverride[] => {
      const override = asRecord(item);
      if (!override) return [];
      const environment = Array.isArray(override.Environment) ? override.Environment : [];
      return [
        {
          origin,
          state: path,
          containerName: literal(override.Name) ? override.Name : "(named by the input)",
          environment: environment.flatMap((pair) => {
            const { Name, Value } = asRecord(pair) ?? {};
            return literal(Name) && literal(Value) ? [{ name: Name, value: Value }] : [];
          }),
          command: Array.isArray(override.Command) ? override.Command.filter(literal) : [],
        },
      ];
    });
  });
}

/**
 * Container overrides outside state machines. An EventBridge rule target (`ecsTarget`) and a
 * Scheduler schedule (`target.ecsParameters`) hand the ECS task their `input` JSON as the
 * RunTask overrides, `{"containerOverrides": [{"name", "command", "environment"}]}` (EventBridge
 * user guide, Amazon ECS targets; Scheduler user guide, templated ECS RunTask targets); a pipe
 * writes them as `targetParameters.ecsTaskParameters.overrides.containerOverrides` (EventBridge
 * Pipes API reference EcsContainerOverride; the Pulumi provider pluralises `command` and
 * `environment` to `commands` / `environments`).
 */
export const LAUNCHER_OVERRIDES: Record<
  string,
  { launch: string; overrides: string; text: boolean }
> = {
  [TYPES.eventTarget]: { launch: "ecsTarget", overrides: "input", text: true },
  [TYPES.schedule]: { launch: "target.ecsParameters", overrides: "target.input", text: true },
  [TYPES.pipe]: {
    launch: "targetParameters.ecsTaskParameters",
    overrides: "targetParameters.ecsTaskParameters.overrides",
    text: false,
  },
};

export const OVERRIDE_LAUNCHER_TYPES = Object.keys(LAUNCHER_OVERRIDES);

/** The container overrides an EventBridge target, schedule or pipe passes; `notKnown` lists what a preview hides. */
export function launcherOverridesOf(resource: PolicyResource): {
  overrides: ContainerOverride[];
  notKnown: string[];
} {
  const paths = LAUNCHER_OVERRIDES[resource.type];
  const read = new FieldReader();
  const props = fromProperty(() => resource.props);
  if (!paths || read.get(props, paths.launch) === undefined) return { overrides: [], notKnown: [] };
  const raw = read.get(props, paths.overrides);
  const overrides = paths.text && typeof raw === "string" ? parseJson(raw) : raw;
  const origin: ContainerOrigin = { urn: resource.urn, name: resource.name, type: resource.type };
  const found = read.list(overrides, "containerOverrides").map((item, index) => {
    const at = read.below(`${paths.overrides}.containerOverrides[${index}]`);
    const environment = [
      ...at.pairs(item, "environment", "value"),
      ...at.pairs(item, "environments", "value"),
    ];
    return {
      origin,
      state: "",
      containerName: at.string(item, "name") ?? "(unnamed)",
      environment,
      command: [...at.strings(item, "command"), ...at.strings(item, "commands")],
    };
  });
  return { overrides: found, notKnown: read.notKnown };
}
