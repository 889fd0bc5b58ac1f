import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CHANNEL_ACTIONS } from "../../policies/rules/ecsExecChannelPermissions";
import { SSM_CHANNEL_ACTIONS } from "../../lib/ecsExecChannels";
import { ACTIVATION_TIER_SETTING } from "../../lib/activationTags";
import { TIER_SETTING } from "../../policies/rules/ssmAdvancedTier";
import { PROJECT_NAME } from "../../lib/projectName";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { parse } from "yaml";

/** Folders whose modules run without the program: they must never load it or `@pulumi/*`. */
const NO_PROGRAM = ["cost", "doctor", "operator", "lib", "config"];
/** Scripts that work from the stack config or outputs alone (they start faster without Pulumi). */
const OFFLINE_SCRIPTS = ["cost", "doctor", "docs", "task", "shell"].map(
  (name) => `scripts/${name}.ts`,
);
/** The program's own reader of the stack config (Pulumi's runtime config): program-side. */
const PROGRAM_CONFIG_READER = "config/readStack.ts";

function sourcesBelow(dir: string): string[] {
  if (dir.endsWith(".ts")) return [dir];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return /^(node_modules|bin|\..*)$/.test(entry.name) ? [] : sourcesBelow(full);
    }
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/**
 * The project-relative files a source loads when it is loaded: its static imports, but not
 * `import type` (erased by TypeScript) nor `require`/`import()` inside a function (lazy).
 */
export function staticImports(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+"([^"]+)"/gm),
  ];
  return specifiers.map(([, specifier]) =>
    specifier.startsWith(".")
      ? path
          .relative(PROJECT_ROOT, path.resolve(path.dirname(file), specifier))
          .split(path.sep)
          .join("/")
      : specifier,
  );
}

/** The source file of a project-relative module path (`lib/x` → `lib/x.ts` or `lib/x/index.ts`). */
function sourceOf(module: string): string | undefined {
  for (const candidate of [`${module}.ts`, `${module}/index.ts`]) {
    if (fs.existsSync(path.join(PROJECT_ROOT, candidate))) return candidate;
  }
  return undefined;
}

/** Every module `start` loads, directly or through others: project files and packages. */
function loadedBy(start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
    for (const target of staticImports(path.join(PROJECT_ROOT, file), text)) {
      const source = target.startsWith("@") || !target.includes("/") ? undefined : sourceOf(target);
      if (source) queue.push(source);
      else seen.add(target);
    }
  }
  return seen;
}

/** The project-relative files a source imports by a relative path (static or dynamic). */
export function relativeImports(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)"(\.[^"]*)"/g),
  ];
  return specifiers.map(([, specifier]) =>
    path
      .relative(PROJECT_ROOT, path.resolve(path.dirname(file), specifier))
      .split(path.sep)
      .join("/"),
  );
}

/**
 * The import cycles among the modules `entries` reach: every relative import counts (static,
 * `import type`, and lazy `import()`/`require`), stricter than dpdm, which issue 23 names.
 * Each cycle is one strongly connected component of more than one file (or a file that imports
 * itself), found with Tarjan's algorithm.
 */
export function importCycles(
  entries: string[],
  read: (file: string) => string,
  exists: (file: string) => boolean = (file) => fs.existsSync(path.join(PROJECT_ROOT, file)),
): string[][] {
  const resolve = (module: string) =>
    [`${module}.ts`, `${module}/index.ts`].find((candidate) => exists(candidate));
  const graph = new Map<string, string[]>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (graph.has(file)) continue;
    const targets = relativeImports(path.join(PROJECT_ROOT, file), read(file))
      .map(resolve)
      .filter((target): target is string => target !== undefined);
    graph.set(file, targets);
    queue.push(...targets);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) {
        cycles.push(component.sort());
      }
    }
  };
  for (const file of graph.keys()) {
    if (!index.has(file)) visit(file);
  }
  return cycles;
}

describe("layering", () => {
  it("finds an import cycle, type imports and lazy imports included", () => {
    const files: Record<string, string> = {
      "index.ts": 'import { a } from "./config/types";',
      "config/types.ts": 'import type { B } from "../strategies/registry";',
      "strategies/registry.ts": 'const c = () => import("../config/types");',
    };
    const read = (file: string) => files[file] ?? "";
    const exists = (file: string) => file in files;
    assert.deepStrictEqual(importCycles(["index.ts"], read, exists), [
      ["config/types.ts", "strategies/registry.ts"],
    ]);
    delete files["strategies/registry.ts"];
    assert.deepStrictEqual(importCycles(["index.ts"], read, exists), []);
  });

  it("the program, the scripts and the library have no import cycle (issue 23)", () => {
    const scripts = fs
      .readdirSync(path.join(PROJECT_ROOT, "scripts"))
      .filter((name) => name.endsWith(".ts"))
      .map((name) => `scripts/${name}`);
    const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
    assert.deepStrictEqual(importCycles(["index.ts", ...scripts], read), []);
  });

  it("finds static and dynamic relative imports", () => {
    const file = path.join(PROJECT_ROOT, "doctor", "x.ts");
    const text = 'import { a } from "../components/b";\nconst c = await import("./d");\n';
    assert.deepStrictEqual(relativeImports(file, text), ["components/b", "doctor/d"]);
  });

  it("follows static imports only: import type and lazy requires are not loads", () => {
    const file = path.join(PROJECT_ROOT, "strategies", "x", "index.ts");
    const text = [
      'import type { A } from "../a";',
      'import { b } from "../b";',
      'export { c } from "./c";',
      'import * as pulumi from "@pulumi/pulumi";',
      'const load = () => require("./component");',
    ].join("\n");
    assert.deepStrictEqual(staticImports(file, text), [
      "strategies/b",
      "strategies/x/c",
      "@pulumi/pulumi",
    ]);
  });

  it(`${NO_PROGRAM.join(", ")} never load a component, the program or @pulumi/*`, () => {
    const offending = [...NO_PROGRAM, ...OFFLINE_SCRIPTS].flatMap((folder) =>
      sourcesBelow(path.join(PROJECT_ROOT, folder)).flatMap((file) => {
        const start = path.relative(PROJECT_ROOT, file).split(path.sep).join("/");
        if (start === PROGRAM_CONFIG_READER) return [];
        return [...loadedBy(start)]
          .filter(
            (loaded) =>
              loaded.startsWith("@pulumi/") ||
              loaded.startsWith("components/") ||
              loaded === "program.ts" ||
              /^strategies\/\w+\/\w+Access\.ts$/.test(loaded),
          )
          .map((loaded) => `${start} → ${loaded}`);
      }),
    );
    assert.deepStrictEqual(offending, []);
  });

  // library/ is the public face of the components (their classes and Args types), so it names
  // the strategies' component files; everything else goes through the registry.
  it("outside its folder and the library, a strategy is reached only through the registry", () => {
    const shared = [
      "strategies/registry",
      "strategies/strategyModule",
      "strategies/strategyName",
      "strategies/strategyConfigs",
      "strategies/strategyOutputs",
      "strategies/configCheck",
      "strategies/accessStrategy",
      "strategies/claims",
    ];
    const outside = sourcesBelow(PROJECT_ROOT).filter((file) => {
      const relative = path.relative(PROJECT_ROOT, file).split(path.sep).join("/");
      return !/^(node_modules|bin|test|policies|strategies|library)\//.test(relative);
    });
    const offending = outside.flatMap((file) =>
      relativeImports(file, fs.readFileSync(file, "utf8"))
        .filter((target) => target.startsWith("strategies/") && !shared.includes(target))
        .map((target) => `${path.relative(PROJECT_ROOT, file)} → ${target}`),
    );
    assert.deepStrictEqual(offending, []);
  });

  it("the pack's copy of the SSM tier setting equals the program's", () => {
    assert.strictEqual(TIER_SETTING, ACTIVATION_TIER_SETTING);
  });

  it("the pack's copy of the ECS Exec channel actions equals the program's", () => {
    assert.deepStrictEqual([...CHANNEL_ACTIONS].sort(), [...SSM_CHANNEL_ACTIONS].sort());
  });

  it("the project name constant is Pulumi.yaml's name", () => {
    const project = parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as {
      name: string;
    };
    assert.strictEqual(PROJECT_NAME, project.name);
  });
});
