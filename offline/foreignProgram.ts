import * as esbuild from "esbuild";
import * as nodeModule from "module";
import * as path from "path";
import * as vm from "vm";
import { ForeignProject } from "./foreignProject";
import { UsageError } from "./stackFiles";

/**
 * Every `@pulumi/*` import of the program is loaded from this project's node_modules, never from
 * the program's: `pulumi.runtime.setMocks` sets the mock monitor on the one `@pulumi/pulumi`
 * module the offline runner loaded, and a second copy would talk to no monitor at all.
 */
export const SHARED_PACKAGES = "@pulumi/*";

/**
 * The name this project's library is published under (package.json `name`): a program's
 * `import … from "fargate-access"` gets this checkout's library, the one the check runs (built
 * from its sources by scripts/run.js), never a copy in the program's node_modules, for the same
 * reason as {@link SHARED_PACKAGES}, and so that a change to library/ is checked at once.
 */
export const LIBRARY_PACKAGE = "fargate-access";

/**
 * Compiles the program's entry point and everything it imports into one CommonJS text with
 * esbuild (no type check, as `typescript: false`-style transpiling does): other packages are
 * taken from the program's own node_modules, `@pulumi/*` and `fargate-access` stay imports (see
 * {@link SHARED_PACKAGES}, {@link LIBRARY_PACKAGE}).
 * A syntax or import error becomes a {@link UsageError} of `file:line:column: message` lines.
 */
export function compileForeignProgram(project: ForeignProject): string {
  let result: esbuild.BuildResult<{ write: false }>;
  try {
    result = esbuild.buildSync({
      entryPoints: [project.entry],
      absWorkingDir: project.dir,
      bundle: true,
      write: false,
      platform: "node",
      format: "cjs",
      target: "node20",
      external: [SHARED_PACKAGES, LIBRARY_PACKAGE, `${LIBRARY_PACKAGE}/*`],
      logLevel: "silent",
    });
  } catch (error) {
    const failure = error as Partial<esbuild.BuildFailure>;
    if (!Array.isArray(failure.errors)) {
      throw error;
    }
    const lines = failure.errors.map((message) => buildMessageLine(project.dir, message));
    throw new UsageError(`Program ${project.name} does not compile:\n${lines.join("\n")}`);
  }
  return result.outputFiles[0].text;
}

/** `file:line:column: text`, the file relative to the project folder (editors link it). */
export function buildMessageLine(dir: string, message: esbuild.Message): string {
  const where = message.location;
  if (!where) {
    return message.text;
  }
  const file = path.relative(dir, path.resolve(dir, where.file));
  return `${file}:${where.line}:${where.column + 1}: ${message.text}`;
}

/**
 * Runs the compiled program as a module, as the Node.js language host requires it (cwd: the
 * project folder), and returns what the host would wait for: its exports, or the result of its
 * exported function (default export or `export =`; @pulumi/pulumi cmd/run/run.js calls a
 * function export). A missing `@pulumi/*` package is named; anything the program throws is
 * rethrown as a {@link UsageError} with its message alone.
 */
export function runForeignModule(project: ForeignProject, code: string): unknown {
  const requireShared = nodeModule.createRequire(__filename);
  const programRequire = (request: string): unknown => {
    if (request.startsWith("@pulumi/")) {
      try {
        requireShared.resolve(request);
      } catch {
        throw new UsageError(
          `Program ${project.name} imports ${request}, which is not installed in fargate-access: the check loads every @pulumi/* package from its own node_modules (so the mocks apply). Install it there (npm install ${packageOf(request)}) to check this program.`,
        );
      }
    }
    // Node.js resolves a package's own name from inside it through its `exports` (Node.js docs,
    // Packages, "Self-referencing a package using its name"): the library a team's
    // `npm install fargate-access` would load, here from this checkout.
    return requireShared(request);
  };
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.compileFunction(
    code,
    ["exports", "require", "module", "__filename", "__dirname"],
    { filename: project.entry },
  );
  const cwd = process.cwd();
  process.chdir(project.dir);
  try {
    wrapper(module.exports, programRequire, module, project.entry, path.dirname(project.entry));
    const exported = module.exports as unknown;
    const main = isModuleWithDefault(exported) ? exported.default : exported;
    return typeof main === "function" ? (main as () => unknown)() : main;
  } catch (error) {
    throw programFailure(project, error);
  } finally {
    process.chdir(cwd);
  }
}

/** `@scope/name` of a request such as `@pulumi/aws/ecs`. */
function packageOf(request: string): string {
  return request.split("/").slice(0, 2).join("/");
}

function isModuleWithDefault(value: unknown): value is { default: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.keys(value).length === 1 &&
    Object.getOwnPropertyDescriptor(value, "default") !== undefined
  );
}

/** What the program threw, as a {@link UsageError}: its message, never our stack. */
export function programFailure(project: ForeignProject, error: unknown): UsageError {
  if (error instanceof UsageError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UsageError(`Program ${project.name} failed: ${message}`);
}
