import * as pulumi from "@pulumi/pulumi";
import { FieldReader, show } from "../config/fieldReader";
import { Fields, SectionValue, readFields } from "../config/schema";
import { LibraryInputError } from "./libraryInputError";

/**
 * Reads a component's settings with the fields that read the stack config section of the same
 * name, so a component and a stack file accept the same values with the same messages. The
 * problems name the component's args (`EcsExecAccessArgs.logging`), not a config key.
 * `otherKeys`: the args that are not settings (the service, retention), read by the caller and
 * named among the allowed keys when a key is unknown.
 */
export function readSettings<F extends Fields>(
  argsName: string,
  fields: F,
  args: object,
  otherKeys: readonly string[],
  productionLike: boolean,
  problems: string[],
): SectionValue<F> {
  const raw = plainSettings(argsName, args, problems);
  const reader = new FieldReader(argsName, raw, problems);
  return readFields(fields, reader, otherKeys, { productionLike });
}

/**
 * Settings shape what the component builds (which resources exist), so they must be known when
 * it is constructed: an `Output` (or a promise) among them is refused by name.
 */
function plainSettings(
  argsName: string,
  args: object,
  problems: string[],
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (isDeferred(value)) {
      problems.push(
        `${argsName}.${key}: must be a plain value (a string, number, boolean or list), known when the program runs; got a Pulumi Output or a promise.`,
      );
      continue;
    }
    raw[key] = value;
  }
  return raw;
}

function isDeferred(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** Throws every problem at once, naming the component. */
export function throwProblems(component: string, problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new LibraryInputError(component, problems);
  }
}

/** `productionLike`: plain boolean or absent. */
export function readProductionLike(argsName: string, value: unknown, problems: string[]): boolean {
  if (value === undefined) return false;
  if (typeof value === "boolean") return value;
  problems.push(`${argsName}.productionLike: ${show(value)} is not allowed; use true or false.`);
  return false;
}
