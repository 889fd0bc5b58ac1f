import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../lib/projectRoot";

/** A mistake in how a script was called (unknown stack, bad flag): shown without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

export { PROJECT_ROOT };

/** The stacks that have a `Pulumi.<stack>.yaml` in the project root, sorted. */
export function listStacks(root = PROJECT_ROOT): string[] {
  return fs
    .readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/**
 * Reads `Pulumi.<stack>.yaml` into the flat `namespace:key → string` form the Pulumi engine
 * passes to a program (structured values as JSON text).
 */
export function readStackConfigFile(stack: string, root = PROJECT_ROOT): Record<string, string> {
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const known = listStacks(root).join(", ") || "none";
    throw new UsageError(`No stack file ${path.basename(file)}; stacks with a file: ${known}.`);
  }
  const document = (parse(fs.readFileSync(file, "utf8")) ?? {}) as {
    config?: Record<string, unknown>;
  };
  return toEngineConfig(document.config ?? {});
}

export function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    flat[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return flat;
}
