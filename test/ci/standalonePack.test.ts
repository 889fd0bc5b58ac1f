import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { productionTree } from "../helpers/installedTree";

/**
 * `pulumi policy publish` compresses the pack's folder and the CLI installs it on its own
 * ("Publish and Enforce a Custom Policy Pack", Pulumi docs:
 * https://www.pulumi.com/tutorials/custom-policy-pack/publish-and-enforce-policy-pack/): the
 * pack may use nothing outside `policies/` but what its own package.json brings. `.ci/run`
 * installs a copy from the registry and builds it; here the same is checked offline.
 */
const PACK = path.join(PROJECT_ROOT, "policies");

function packSources(dir: string = PACK): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return /^(node_modules|bin|\..*)$/.test(entry.name) ? [] : packSources(full);
    }
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module specifier a source loads: static imports and exports, `require`, `import()`. */
function specifiers(text: string): string[] {
  return [
    ...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)"([^"\s]+)"/gm),
  ].map(([, specifier]) => specifier);
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Hard-links (or copies, across file systems) `from` to `to`, without its own `node_modules`:
 * a nested package is placed on its own when the tree needs it.
 */
function linkFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") linkFolder(source, target);
    } else if (entry.isFile()) {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    }
  }
}

/** Where an installed package sits below its install root (`…/node_modules/a/node_modules/b`). */
function placeInInstall(dir: string): string {
  for (const root of [PACK, PROJECT_ROOT]) {
    const relative = path.relative(root, dir);
    if (relative.startsWith("node_modules")) return relative;
  }
  throw new Error(`${dir} is not installed below ${PACK} or ${PROJECT_ROOT}`);
}

describe("the policy pack stands alone (policies/ as pulumi policy publish ships it)", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };

  it("imports nothing outside policies/ and only packages its package.json depends on", () => {
    const problems: string[] = [];
    for (const file of packSources()) {
      for (const specifier of specifiers(fs.readFileSync(file, "utf8"))) {
        const where = path.relative(PROJECT_ROOT, file);
        if (specifier.startsWith(".")) {
          const target = path.resolve(path.dirname(file), specifier);
          if (path.relative(PACK, target).startsWith("..")) {
            problems.push(`${where}: ${specifier} is outside policies/`);
          }
        } else if (
          !builtinModules.includes(specifier.replace(/^node:/, "")) &&
          !(packageName(specifier) in manifest.dependencies)
        ) {
          problems.push(`${where}: ${specifier} is not in policies/package.json dependencies`);
        }
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it("builds with its own tsconfig, at least as strict as the project's", () => {
    const own = JSON.parse(fs.readFileSync(path.join(PACK, "tsconfig.json"), "utf8")) as {
      extends?: string;
      compilerOptions: Record<string, unknown>;
    };
    assert.strictEqual(own.extends, undefined, "policies/tsconfig.json must not extend a file");
    const base = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "tsconfig.base.json"), "utf8"))
      .compilerOptions as Record<string, unknown>;
    const differing = Object.keys(base).filter(
      (option) =>
        option !== "sourceMap" &&
        JSON.stringify(own.compilerOptions[option]) !== JSON.stringify(base[option]),
    );
    assert.deepStrictEqual(differing, [], "options that differ from tsconfig.base.json");
  });

  it("runs from a copy of its folder with only its own production dependencies", function () {
    this.timeout(120_000);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "standalone-pack-"));
    try {
      for (const entry of ["package.json", "PulumiPolicy.yaml", "bin", "data"]) {
        const source = path.join(PACK, entry);
        if (fs.statSync(source).isDirectory()) linkFolder(source, path.join(copy, entry));
        else fs.copyFileSync(source, path.join(copy, entry));
      }
      const { packages, missing } = productionTree(PACK);
      assert.deepStrictEqual(missing, []);
      for (const found of packages)
        linkFolder(found.dir, path.join(copy, placeInInstall(found.dir)));
      // Loads every rule, and judges an AWS managed policy from the snapshot shipped in data/;
      // loads the library by its package name (a self-reference, which Node resolves through
      // package.json `exports`: Node docs, Packages, "Self-referencing a package using its
      // name"), as an organisation's pack imports it. The process must end on its own: an
      // analyzer server started on import would keep it running until the timeout.
      const script = `
        const { PACK_POLICIES } = require("./bin/pack.js");
        const { broadManagedPolicy } = require("./bin/lib/managedPolicyBreadth.js");
        const { RULES, selectRules } = require("fargate-access-policies");
        const initProcess = selectRules({ areas: ["init-process"] }).map((p) => p.name);
        broadManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess").then((reasons) =>
          console.log(JSON.stringify({ rules: PACK_POLICIES.length, reasons, library: RULES.length, initProcess })));`;
      const run = spawnSync(process.execPath, ["-e", script], {
        cwd: copy,
        encoding: "utf8",
        env: { ...process.env, NODE_PATH: "", NODE_OPTIONS: "" },
        timeout: 60_000,
      });
      assert.strictEqual(run.signal, null, "did not end on its own: did an import start a server?");
      assert.strictEqual(run.status, 0, run.stderr);
      const { rules, reasons, library, initProcess } = JSON.parse(run.stdout) as {
        rules: number;
        reasons: string[];
        library: number;
        initProcess: string[];
      };
      assert.ok(rules > 10, `${rules} rules`);
      assert.deepStrictEqual(reasons, ["every action on every resource (administrator)"]);
      assert.strictEqual(library, rules - 2, "every rule but the two report rules");
      assert.deepStrictEqual(initProcess, [
        "ecs-init-process-enabled",
        "policy-suppressions",
        "preview-undecided",
      ]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
