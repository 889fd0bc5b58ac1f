import * as ecs from "@aws-sdk/client-ecs";
import { NormalizedSchema } from "@smithy/core/schema";
import { FakeAwsError } from "./fakeService";

/**
 * What the Step Functions ECS integration (`arn:aws:states:::ecs:runTask[.sync]`) accepts as a
 * Task state's resolved `Parameters`: the ECS RunTask request with every member name PascalCased,
 * at every nesting level ("Parameters in Step Functions are expressed in PascalCase", Step
 * Functions developer guide, "Run Amazon ECS or Fargate tasks with Step Functions";
 * awsdocs/aws-step-functions-developer-guide#80: "PascalCase was expected in every *nested*
 * field"; ministackorg/ministack#886 shows the documented shape,
 * `"Environment": [{"Name": "FOO", "Value": "bar"}]`).
 *
 * The shape is not written here: it is read from the installed SDK's own schema
 * (`RunTaskRequest$` in `@aws-sdk/client-ecs`, walked with smithy's `NormalizedSchema`; the same
 * members as `RunTaskRequest`, `TaskOverride`, `ContainerOverride`, `KeyValuePair`,
 * `NetworkConfiguration`, `AwsVpcConfiguration`, `CapacityProviderStrategyItem` in
 * `dist-types/models/models_*.d.ts`), so a new SDK brings the new members with it.
 */

/** A failure Step Functions raises itself: no `Retry` or `Catch` matches it (aws-local-stepfunctions honours these flags). */
export class StatesRuntimeError extends FakeAwsError {
  readonly isCatchable = false;
  readonly isRetryable = false;
  constructor(message: string) {
    super("States.Runtime", message);
  }
}

/**
 * Enum members the SDK exports as constants; the schema itself keeps only "string". Keyed by the
 * PascalCase path from the request's root.
 */
const ENUMS: Record<string, Record<string, string>> = {
  LaunchType: ecs.LaunchType,
  PropagateTags: ecs.PropagateTags,
  "NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp": ecs.AssignPublicIp,
};

const pascal = (member: string) => member.charAt(0).toUpperCase() + member.slice(1);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Every problem of `value` against `schema`, each naming its path (`Overrides.ContainerOverrides[0].Environment[0].name`). */
function problemsOf(schema: NormalizedSchema, value: unknown, path: string): string[] {
  const at = path || "Parameters";
  if (schema.isStructSchema()) {
    if (!isPlainObject(value)) return [`${at}: expected an object, got ${JSON.stringify(value)}`];
    const members = new Map<string, NormalizedSchema>();
    for (const [name, member] of schema.structIterator()) members.set(pascal(name), member);
    const problems: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const member = members.get(key);
      const keyPath = path ? `${path}.${key}` : key;
      if (!member) {
        problems.push(
          `${keyPath}: unknown field (the ${schema.getName()} members are ${[...members.keys()].join(", ")})`,
        );
        continue;
      }
      problems.push(...problemsOf(member, item, keyPath));
    }
    for (const required of requiredMembers(schema)) {
      if (!(pascal(required) in value))
        problems.push(`${at}: missing required ${pascal(required)}`);
    }
    return problems;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return [`${at}: expected a list, got ${JSON.stringify(value)}`];
    return value.flatMap((item, i) => problemsOf(schema.getValueSchema(), item, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (!isPlainObject(value)) return [`${at}: expected a map, got ${JSON.stringify(value)}`];
    return Object.entries(value).flatMap(([key, item]) =>
      problemsOf(schema.getValueSchema(), item, `${path}.${key}`),
    );
  }
  if (schema.isStringSchema()) {
    if (typeof value !== "string")
      return [`${at}: expected a string, got ${JSON.stringify(value)}`];
    const allowed = ENUMS[path];
    return allowed && !Object.values(allowed).includes(value)
      ? [`${at}: ${JSON.stringify(value)} is not one of ${Object.values(allowed).join(", ")}`]
      : [];
  }
  if (schema.isNumericSchema()) {
    return typeof value === "number"
      ? []
      : [`${at}: expected a number, got ${JSON.stringify(value)}`];
  }
  if (schema.isBooleanSchema()) {
    return typeof value === "boolean"
      ? []
      : [`${at}: expected a boolean, got ${JSON.stringify(value)}`];
  }
  return [];
}

/**
 * The members a structure requires: smithy's static structure schema lists them first and
 * records how many (`StaticStructureSchema`'s last element, @smithy/types `static-schemas.d.ts`).
 */
function requiredMembers(schema: NormalizedSchema): string[] {
  const raw = schema.getSchema() as unknown as [
    number,
    string,
    string,
    unknown,
    string[],
    unknown[],
    number?,
  ];
  return raw[4].slice(0, raw[6] ?? 0);
}

const RUN_TASK_REQUEST = NormalizedSchema.of(ecs.RunTaskRequest$);

/** The problems of resolved Task `Parameters` for `ecs:runTask`; empty when Step Functions would accept them. */
export function runTaskParameterProblems(parameters: unknown): string[] {
  return problemsOf(RUN_TASK_REQUEST, parameters, "");
}

/** Throws the uncatchable `States.Runtime` error Step Functions raises for parameters ECS does not take. */
export function assertRunTaskParameters(parameters: unknown): void {
  const problems = runTaskParameterProblems(parameters);
  if (problems.length > 0) {
    throw new StatesRuntimeError(
      `The ecs:runTask parameters do not match the RunTask request (PascalCase at every level): ${problems.join("; ")}`,
    );
  }
}
