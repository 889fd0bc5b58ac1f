import {
  EnforcementLevel,
  Policy,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

type WithConfig = { getConfig<T extends object>(): T };

/** `args` whose `getConfig()` gives `defaults` under whatever the policy config sets. */
function withDefaults<A extends WithConfig>(args: A, defaults: Record<string, unknown>): A {
  return {
    ...args,
    getConfig: <T extends object>() => ({ ...defaults, ...args.getConfig() }) as T,
  };
}

/** The schema with `defaults` as its properties' defaults (what the CLI and Pulumi Cloud show). */
function schemaWithDefaults(
  schema: PolicyConfigSchema | undefined,
  defaults: Record<string, unknown>,
): PolicyConfigSchema | undefined {
  if (!schema || Object.keys(defaults).length === 0) return schema;
  const properties = { ...schema.properties };
  for (const [key, value] of Object.entries(defaults)) {
    properties[key] = { ...properties[key], default: value as PolicyConfigJSONSchema["default"] };
  }
  return { ...schema, properties };
}

/**
 * The policy at `level`, reading `defaults` wherever the policy config (Configure, from
 * `--policy-pack-config` or Pulumi Cloud) leaves a key unset: @pulumi/policy hands a rule only
 * what Configure sent (server.js `makeGetConfigFun`), so the defaults are merged into what
 * `getConfig()` returns, and written into the schema too. Wraps outside the suppression wrapper,
 * so suppressions set in code count as well. Keeps `__pulumiType` (lib/resourceTypes.ts).
 */
export function configuredPolicy(
  policy: Policy,
  level: EnforcementLevel,
  defaults: Record<string, unknown>,
): ResourceValidationPolicy | StackValidationPolicy {
  const configSchema = schemaWithDefaults(policy.configSchema, defaults);
  if (Object.keys(defaults).length === 0) {
    return {
      ...(policy as ResourceValidationPolicy | StackValidationPolicy),
      enforcementLevel: level,
    };
  }
  if ("validateStack" in policy) {
    const stackPolicy = policy as StackValidationPolicy;
    return {
      ...stackPolicy,
      enforcementLevel: level,
      configSchema,
      validateStack: (args: StackValidationArgs, report: ReportViolation) =>
        stackPolicy.validateStack(withDefaults(args, defaults), report),
    };
  }
  const resourcePolicy = policy as ResourceValidationPolicy;
  const wrap = (validate: ResourceValidation): ResourceValidation =>
    Object.assign(
      (args: ResourceValidationArgs, report: ReportViolation) =>
        validate(withDefaults(args, defaults), report),
      { __pulumiType: (validate as { __pulumiType?: string }).__pulumiType },
    );
  const validateResource = resourcePolicy.validateResource;
  return {
    ...resourcePolicy,
    enforcementLevel: level,
    configSchema,
    validateResource: Array.isArray(validateResource)
      ? validateResource.map(wrap)
      : validateResource && wrap(validateResource),
  };
}
