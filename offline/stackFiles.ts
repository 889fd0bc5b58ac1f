import * as fs from "fs";
import * as path from "path";
import { YAMLError, parse } from "yaml";
import { PROJECT_ROOT } from "../lib/projectRoot";

/** A mistake in how a script was called (unknown stack, bad flag): shown without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

export { PROJECT_ROOT };

/** Names the folder the offline scripts read `Pulumi.<stack>.yaml` files from. */
export const STACK_DIR_VARIABLE = "FARGATE_ACCESS_STACK_DIR";

/**
 * Where the offline scripts (plan, check, cost, doctor, task, shell, bench) look for stack
 * files: `$FARGATE_ACCESS_STACK_DIR` when set (e.g. a temporary folder in tests), else the
 * project root, where the Pulumi CLI reads them. Read at each call, not once at load.
 */
export function stackFilesDir(): string {
  const dir = process.env[STACK_DIR_VARIABLE];
  if (!dir) {
    return PROJECT_ROOT;
  }
  const problem = stackDirProblem(dir);
  if (problem) {
    throw new UsageError(
      `${STACK_DIR_VARIABLE}: ${JSON.stringify(dir)} ${problem}; set it to the absolute path of a ` +
        `folder holding Pulumi.<stack>.yaml files, or unset it to read the project's own.`,
    );
  }
  return dir;
}

/**
 * Why `dir` cannot be the stack files' folder, or `undefined`. A relative path is refused: npm
 * runs scripts from the project root, not from the folder the user typed the command in, so it
 * would name another folder than the one meant.
 */
function stackDirProblem(dir: string): string | undefined {
  if (!path.isAbsolute(dir)) {
    return "is a relative path (npm runs scripts from the project root, so it would not mean the folder you are in)";
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return "does not exist";
  }
  return stat.isDirectory() ? undefined : "is a file, not a folder";
}

/** The stacks that have a `Pulumi.<stack>.yaml` in `root`, sorted. */
export function listStacks(root = stackFilesDir()): string[] {
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
export function readStackConfigFile(stack: string, root = stackFilesDir()): Record<string, string> {
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const known = listStacks(root).join(", ") || "none";
    throw new UsageError(`No stack file ${path.basename(file)}; stacks with a file: ${known}.`);
  }
  const document = parseStackFile(path.basename(file), fs.readFileSync(file, "utf8"));
  return toEngineConfig(document.config ?? {});
}

/**
 * Parses a stack file's text; a YAML mistake becomes a {@link UsageError} that starts with
 * `FILE:LINE:COLUMN` (what editors and terminals turn into a link), with no stack trace.
 */
export function parseStackFile(
  fileName: string,
  text: string,
): { config?: Record<string, unknown> } {
  const document = parseYaml(fileName, text) ?? {};
  const config = (document as { config?: unknown }).config;
  if (typeof document !== "object" || Array.isArray(document) || !isMap(config ?? {})) {
    throw new UsageError(
      `${fileName}: expected a map with a "config:" map of keys, as \`pulumi config set\` writes it.`,
    );
  }
  return document as { config?: Record<string, unknown> };
}

/**
 * Parses YAML text; a syntax mistake becomes a {@link UsageError} that starts with
 * `FILE:LINE:COLUMN`, with no stack trace.
 */
export function parseYaml(fileName: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof YAMLError) {
      const [start] = error.linePos ?? [];
      const where = start ? `${fileName}:${start.line}:${start.col}` : fileName;
      throw new UsageError(`${where}: YAML syntax error: ${error.message}`);
    }
    throw error;
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    flat[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return flat;
}
