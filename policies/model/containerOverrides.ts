import { PolicyResource } from "@pulumi/policy";
import { readDefinition } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";
import { ContainerOrigin, NamedValue } from "./containers";

/**
 * What a state machine's ECS task states hand the containers they start: RunTask
 * `Overrides.ContainerOverrides[]` with `Name`, `Command` and `Environment` (ECS API reference
 * ContainerOverride; Step Functions "Run Amazon ECS or Fargate tasks": the request is the RunTask
 * API's, PascalCase). Values taken from the execution input (`Command.$`, JSONata `{% … %}`)
 * are no literal and are left out: they are not in the definition anyone can read.
 */
export interface ContainerOverride {
  origin: ContainerOrigin;
  /** The state's path in the definition. */
  state: string;
  containerName: string;
  environment: NamedValue[];
  command: string[];
}

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
const literal = (value: unknown): value is string =>
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
