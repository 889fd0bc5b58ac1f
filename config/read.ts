import { editDistance, didYouMean } from "../lib/suggest";
import { regionProblem } from "./awsRegions";
import { RawConfig } from "./types";
import {
  CONFIG_NAMESPACE,
  ConfigError,
  TOP_LEVEL_KEYS,
  ValidatedConfig,
  validateConfig,
} from "./validate";

export interface FlatConfigOptions {
  /**
   * Whether a missing `aws:region` is a mistake. Default true; false for the program, whose
   * AWS provider may take the region from `AWS_REGION` (it checks that value itself).
   */
  regionRequired?: boolean;
  /** The stack's name: whether it is production-like by default (lib/productionLike.ts). */
  stack?: string;
}

/**
 * Validates a stack's flat `namespace:key` → text map (what `Pulumi.<stack>.yaml` holds and
 * the engine passes to the program): the `fargate-access:` keys, keys that look meant for it
 * (a misspelt namespace, a dotted path written as a key) and `aws:region`.
 */
export function validateFlatConfig(
  flat: Record<string, string>,
  options: FlatConfigOptions = {},
): ValidatedConfig {
  const problems: string[] = [];
  const raw: RawConfig = {};
  const dotted: [string, unknown][] = [];
  for (const [fullKey, text] of Object.entries(flat)) {
    const colon = fullKey.indexOf(":");
    const namespace = fullKey.slice(0, colon);
    const key = fullKey.slice(colon + 1);
    if (namespace === CONFIG_NAMESPACE) {
      const problem = dottedKeyProblem(key);
      if (problem) {
        problems.push(`${fullKey}: ${problem}`);
        dotted.push([key, parseConfigValue(text)]);
      } else {
        raw[key] = parseConfigValue(text);
      }
    } else if (isMisspeltNamespace(namespace)) {
      problems.push(
        `${fullKey}: unknown namespace ${JSON.stringify(namespace)}. Did you mean ${CONFIG_NAMESPACE}:${key}?`,
      );
    }
  }
  dotted.forEach(([key, value]) => nestForValidation(raw, key, value));
  const region = flat["aws:region"];
  const regionError = regionProblem(region);
  if (regionError && (region !== undefined || options.regionRequired !== false)) {
    problems.push(regionError);
  }
  let validated: ValidatedConfig | undefined;
  try {
    validated = validateConfig(raw, {
      region: regionError ? undefined : region,
      stack: options.stack,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems);
  }
  if (!validated || problems.length > 0) {
    throw new ConfigError(problems);
  }
  return validated;
}

/**
 * Validates the value of a dotted key as if it were nested, so that its own mistakes are
 * reported too and its section does not look incomplete (`service.image` is then not "missing").
 */
function nestForValidation(raw: RawConfig, dotted: string, value: unknown): void {
  const [section, ...path] = dotted.split(".");
  const known: readonly string[] = TOP_LEVEL_KEYS;
  if (!known.includes(section) || path.length !== 1) {
    return;
  }
  const current = raw[section] ?? {};
  if (typeof current === "object" && current !== null && !Array.isArray(current)) {
    raw[section] = { ...current, [path[0]]: value };
  }
}

/** Namespaces one or two typos away from ours (other providers' namespaces are left alone). */
function isMisspeltNamespace(namespace: string): boolean {
  return namespace !== "aws" && editDistance(namespace, CONFIG_NAMESPACE) <= 3;
}

/**
 * `fargate-access:service.image` in a stack file is a key named `service.image`, not the
 * `image` field of `service`: Pulumi stack files nest maps instead.
 */
function dottedKeyProblem(key: string): string | undefined {
  const dot = key.indexOf(".");
  if (dot <= 0) {
    return undefined;
  }
  const section = key.slice(0, dot);
  const rest = key.slice(dot + 1);
  if (!TOP_LEVEL_KEYS.includes(section)) {
    return `unknown key.${didYouMean(section, TOP_LEVEL_KEYS, (s) => `${CONFIG_NAMESPACE}:${s}`)} Allowed keys: ${TOP_LEVEL_KEYS.join(", ")}.`;
  }
  return (
    `a dotted key is not a path in a stack file; nest the value instead:\n` +
    `      ${CONFIG_NAMESPACE}:${section}:\n        ${rest.split(".").join(":\n          ")}: ...\n` +
    `    or run: pulumi config set --path '${CONFIG_NAMESPACE}:${key}' VALUE`
  );
}

/**
 * Pulumi hands structured values over as JSON text and plain ones as bare text. A bare word such
 * as `strategies: ecsExec` is kept as a string so validation can say what is wrong with it,
 * instead of failing on a JSON parse error.
 */
export function parseConfigValue(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
