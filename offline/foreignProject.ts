import * as fs from "fs";
import * as path from "path";
import { UsageError, parseYaml } from "./stackFiles";

/** Another team's Pulumi project, as its `Pulumi.yaml` describes it. */
export interface ForeignProject {
  /** The project folder (absolute). */
  dir: string;
  /** `name:` of its `Pulumi.yaml`: the project in its URNs and the namespace of its config. */
  name: string;
  /** The entry point file the Node.js language host would run. */
  entry: string;
  /** Where its `Pulumi.<stack>.yaml` files are: `stackConfigDir:`, else the project folder. */
  stackDir: string;
  /**
   * Project-level config (`config:` of Pulumi.yaml) as engine config, `namespace:key` → string:
   * the values each stack starts from, its stack file overriding them.
   */
  defaults: Record<string, string>;
}

/**
 * Where a relative `--program` is taken from: the folder the user ran `npm run` in. npm runs a
 * script from the package root and passes the caller's folder as `INIT_CWD` (npm docs,
 * "scripts": "Current Working Directory").
 */
export function callerDir(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/**
 * Reads the project in `dir` (relative to `cwd`): its `Pulumi.yaml` must name a project and the
 * `nodejs` runtime, as `runtime: nodejs` or `runtime: {name: nodejs, options: …}` (Pulumi docs,
 * "Pulumi.yaml project file reference"). Every mistake is a {@link UsageError} naming the folder.
 */
export function readForeignProject(dir: string, cwd = callerDir()): ForeignProject {
  const root = path.resolve(cwd, dir);
  if (!fs.existsSync(root)) {
    throw new UsageError(`--program ${dir}: no such folder (${root}).`);
  }
  if (!fs.statSync(root).isDirectory()) {
    throw new UsageError(`--program ${dir}: is a file; give the folder holding its Pulumi.yaml.`);
  }
  const file = ["Pulumi.yaml", "Pulumi.yml"]
    .map((name) => path.join(root, name))
    .find(fs.existsSync);
  if (file === undefined) {
    throw new UsageError(
      `--program ${dir}: no Pulumi.yaml in ${root}; give the folder of a Pulumi project (where \`pulumi up\` runs).`,
    );
  }
  const document = parseProjectFile(file);
  const name = document.name;
  if (typeof name !== "string" || name === "") {
    throw new UsageError(`${file}: "name:" is missing; a Pulumi project names itself there.`);
  }
  const runtime = runtimeName(document.runtime);
  if (runtime !== "nodejs") {
    throw new UsageError(
      `${file}: runtime is ${JSON.stringify(runtime ?? null)}; the offline check runs only TypeScript or JavaScript programs (runtime: nodejs).`,
    );
  }
  const stackDir =
    typeof document.stackConfigDir === "string"
      ? path.resolve(root, document.stackConfigDir)
      : root;
  return {
    dir: root,
    name,
    entry: entryPoint(root, document.main, file),
    stackDir,
    defaults: projectConfigDefaults(name, document.config),
  };
}

/**
 * A key without a namespace belongs to the project (Pulumi docs, Configuration, "Configuration
 * keys"): `size` in project `acme` is `acme:size`, which `new pulumi.Config().get("size")` reads.
 */
export function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * The values of Pulumi.yaml's `config:` (Pulumi docs, "Project file reference", config
 * options): a plain value, or a declaration whose `default:` (or `value:`) gives it; a
 * declaration without either (type and description only) gives none. Structured values as JSON.
 */
export function projectConfigDefaults(project: string, config: unknown): Record<string, string> {
  const defaults: Record<string, string> = {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return defaults;
  }
  for (const [key, declared] of Object.entries(config as Record<string, unknown>)) {
    const value = isDeclaration(declared) ? (declared.value ?? declared.default) : declared;
    if (value !== undefined && value !== null) {
      defaults[namespaced(project, key)] =
        typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return defaults;
}

function isDeclaration(
  value: unknown,
): value is { type?: unknown; default?: unknown; value?: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    ["type", "default", "value", "description", "secret", "items"].some((field) => field in value)
  );
}

function parseProjectFile(file: string): Record<string, unknown> {
  const document = parseYaml(file, fs.readFileSync(file, "utf8"));
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new UsageError(`${file}: expected a map with name: and runtime:.`);
  }
  return document as Record<string, unknown>;
}

/** `runtime: nodejs` or `runtime: {name: nodejs}`; `undefined` when neither. */
export function runtimeName(runtime: unknown): string | undefined {
  if (typeof runtime === "string") {
    return runtime;
  }
  if (typeof runtime === "object" && runtime !== null) {
    const name = (runtime as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  }
  return undefined;
}

/**
 * The file the language host runs: `main:` of Pulumi.yaml (a file, or a folder holding an
 * index), else the project folder's index; `index.ts` first, as a TypeScript project has it
 * (the host's own search, @pulumi/pulumi cmd/run/run.js, also takes index.js and index.mjs).
 */
function entryPoint(root: string, main: unknown, file: string): string {
  const base = typeof main === "string" ? path.resolve(root, main) : root;
  if (fs.existsSync(base) && fs.statSync(base).isFile()) {
    return base;
  }
  const found = ["index.ts", "index.js", "index.mjs"]
    .map((index) => path.join(base, index))
    .find(fs.existsSync);
  if (found === undefined) {
    throw new UsageError(
      `${file}: no program to run: ${base} has no index.ts${typeof main === "string" ? ` (from main: ${main})` : ""}.`,
    );
  }
  return found;
}
