import type { PackageSchema, SchemaProperty } from "./packageSchema";

/** The declared type of a Pulumi YAML config key (`config: <key>: type:`), for `${key}`. */
export type ConfigTypes = Record<string, string>;

/** A property value's kind as the schema names it, or undefined for null. */
function kindOf(value: unknown, config: ConfigTypes): string | undefined {
  if (typeof value === "string") {
    // `${key}` alone takes the config key's declared type; any other text stays a string
    // (Pulumi YAML interpolates into strings).
    const whole = /^\$\{([^}]+)\}$/.exec(value);
    return whole ? (config[whole[1]] ?? "string") : "string";
  }
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  return undefined;
}

/**
 * The problems of `properties` given to the schema resource `token`: keys that are no input,
 * required inputs left out, values whose type differs (through `$ref` object types, arrays and
 * maps). Each problem names the property path, the value's kind and the schema's type.
 */
export function schemaProblems(
  schema: PackageSchema,
  token: string,
  properties: Record<string, unknown>,
  config: ConfigTypes = {},
): string[] {
  const resource = schema.resources[token];
  if (!resource) return [`${token}: not a resource of the package ${schema.name}.`];
  const problems: string[] = [];
  checkObject(
    token,
    resource.inputProperties ?? {},
    resource.requiredInputs ?? [],
    properties,
    problems,
  );
  return problems;

  function checkObject(
    where: string,
    declared: Record<string, SchemaProperty>,
    required: readonly string[],
    value: Record<string, unknown>,
    found: string[],
  ): void {
    for (const key of required) {
      if (value[key] === undefined) found.push(`${where}.${key}: required, not given.`);
    }
    for (const [key, item] of Object.entries(value)) {
      const property = declared[key];
      if (!property) {
        found.push(`${where}.${key}: not an input; allowed: ${Object.keys(declared).join(", ")}.`);
      } else {
        checkValue(`${where}.${key}`, property, item, found);
      }
    }
  }

  function checkValue(where: string, property: SchemaProperty, value: unknown, found: string[]) {
    if (property.$ref) {
      const type = schema.types?.[property.$ref.replace(/^#\/types\//, "")];
      if (!type) {
        found.push(`${where}: ${property.$ref} is not a type of the schema.`);
      } else if (kindOf(value, config) !== "object") {
        found.push(`${where}: ${kindOf(value, config)} given; the schema wants ${property.$ref}.`);
      } else {
        const object = value as Record<string, unknown>;
        checkObject(where, type.properties ?? {}, type.required ?? [], object, found);
      }
      return;
    }
    const kind = kindOf(value, config);
    const matches = kind === property.type || (property.type === "number" && kind === "integer");
    if (!matches) {
      found.push(`${where}: ${kind} given; the schema wants ${property.type}.`);
    } else if (property.type === "array" && property.items && Array.isArray(value)) {
      value.forEach((item, index) =>
        checkValue(`${where}[${index}]`, property.items!, item, found),
      );
    } else if (property.type === "object" && property.additionalProperties) {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        checkValue(`${where}.${key}`, property.additionalProperties, item, found);
      }
    }
  }
}
