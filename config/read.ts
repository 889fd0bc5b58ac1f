import { CONFIG_KEYS, RawConfig } from "./types";
import { CONFIG_NAMESPACE, ValidatedConfig, validateConfig } from "./validate";

/** Validates a stack file's flat `namespace:key` → text map (what `Pulumi.<stack>.yaml` holds). */
export function validateFlatConfig(flat: Record<string, string>): ValidatedConfig {
  return validateConfig(rawConfigOf((key) => flat[`${CONFIG_NAMESPACE}:${key}`]));
}

export function rawConfigOf(get: (key: string) => string | undefined): RawConfig {
  const raw: RawConfig = {};
  for (const key of CONFIG_KEYS) {
    raw[key] = parseConfigValue(get(key));
  }
  return raw;
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
