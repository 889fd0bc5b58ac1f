import { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A rule's one setting that is a list of strings (`--policy-pack-config` / `--policy-config`),
 * with its default and what it means; `args.getConfig()` then reads it under `name`.
 */
export function stringListSetting(
  name: string,
  defaultValue: readonly string[],
  description: string,
): PolicyConfigSchema {
  return {
    properties: {
      [name]: { type: "array", items: { type: "string" }, default: [...defaultValue], description },
    },
  };
}
