import * as pulumi from "@pulumi/pulumi";
import { rawConfigOf } from "./read";
import { CONFIG_NAMESPACE, ValidatedConfig, validateConfig } from "./validate";

/**
 * Reads every `fargate-access:*` key of the current stack and validates it. Apart from
 * config/read.ts, which stays free of @pulumi/pulumi for the scripts that do not run the program.
 */
export function readStackConfig(): ValidatedConfig {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  return validateConfig(rawConfigOf((key) => config.get(key)));
}
