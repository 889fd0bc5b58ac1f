import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { didYouMean } from "../lib/suggest";

/** A rule's `configSchema`, as the pack announces it (`GetAnalyzerInfo`). */
export interface RuleConfigSchema {
  properties: Record<string, unknown>;
  required: string[];
}

const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * One compiled validator per distinct schema: the pack announces the same schemas for every
 * stack and every check, and Ajv keeps each schema it compiles (compiling anew per call grew
 * memory and cost about 1.6 s of CPU over the test suite).
 */
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: RuleConfigSchema | undefined): ValidateFunction {
  const full = {
    type: "object",
    properties: schema?.properties ?? {},
    required: schema?.required ?? [],
    additionalProperties: false,
  };
  const key = JSON.stringify(full);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(full);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * What is wrong with the properties a policy config gives one rule. The Pulumi CLI validates
 * them as a JSON schema of `type: object` with the rule's `properties` and `required`
 * (pkg/resource/plugin `validatePolicyConfig`, gojsonschema); we do the same and also refuse
 * properties the rule does not define, which the CLI would pass on silently.
 */
export function policyConfigProblems(
  rule: string,
  schema: RuleConfigSchema | undefined,
  properties: Record<string, unknown>,
): string[] {
  const known = Object.keys(schema?.properties ?? {});
  const validate = validatorFor(schema);
  if (validate(properties)) {
    return [];
  }
  return (validate.errors ?? []).map((error) => describe(rule, error, known, properties));
}

function describe(
  rule: string,
  error: ErrorObject,
  known: string[],
  properties: Record<string, unknown>,
): string {
  const allowed = ["enforcementLevel", ...known].join(", ");
  if (error.keyword === "additionalProperties") {
    const name = String(error.params.additionalProperty);
    return `policy config: ${rule}: unknown property ${JSON.stringify(name)}.${didYouMean(name, known)} Allowed: ${allowed}.`;
  }
  const path = error.instancePath.slice(1).replace(/\//g, ".");
  const value = path ? valueAt(properties, path) : properties;
  const where = path ? `${rule}.${path}` : rule;
  return `policy config: ${where}: ${JSON.stringify(value)} ${error.message ?? "is not valid"}.`;
}

function valueAt(root: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
}
