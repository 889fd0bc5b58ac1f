#!/usr/bin/env node
"use strict";
// `node scripts/run.js <script> [args…]`, what `npm start|run plan|check|cost|doctor|bench` call:
// builds only when a build input changed since the last build, then runs the compiled
// bin/scripts/<script>.js's main(argv) in this process. `node scripts/run.js build` builds
// always (tsc -b still recompiles only the projects whose files changed).
// Plain JavaScript on purpose: it runs before anything is compiled.

// Node ≥ 22.1 keeps compiled module code on disk: later runs skip parsing @pulumi/* again.
require("module").enableCompileCache?.();

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.dirname(__dirname);
const BIN = path.join(ROOT, "bin");
/** Written when a build succeeds, dated when that build started. */
const STAMP = path.join(BIN, ".build-stamp");
/** Where the tests' imports of `../../policies/…` land once compiled: the pack's only output. */
const PACK_LINK = path.join(BIN, "policies");
const PACK_OUT = path.join(ROOT, "policies", "bin");

/**
 * The newest modification time among the build's inputs under `dir`: TypeScript sources,
 * tsconfig and package files, and the folders holding them (adding, removing or renaming a file
 * changes its folder's time). Outputs, dependencies and dot-folders are skipped.
 */
function newestInput(dir) {
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "bin") {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestInput(full));
    } else if (/\.ts$|^tsconfig.*\.json$|^package(-lock)?\.json$/.test(entry.name)) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** True when the last build is newer than every input and its outputs are all there. */
function upToDate(script) {
  try {
    const built = fs.statSync(STAMP).mtimeMs;
    const installed = fs.statSync(path.join(ROOT, "node_modules", ".package-lock.json")).mtimeMs;
    return (
      built >= Math.max(newestInput(ROOT), installed) &&
      fs.existsSync(path.join(PACK_LINK, "index.js")) &&
      fs.existsSync(path.join(BIN, "scripts", `${script}.js`))
    );
  } catch {
    return false;
  }
}

const TSC = ["typescript/bin/tsc", "-b", "test"];

/**
 * The time a build starts, for its stamp. The output folders are made first: making them later
 * would date their parent folders (inputs) after the stamp, and the next command would build again.
 */
function buildStart() {
  fs.mkdirSync(BIN, { recursive: true });
  fs.mkdirSync(PACK_OUT, { recursive: true });
  // Not before those folders' parents' times (the stamp keeps whole milliseconds).
  const parents = [ROOT, path.dirname(PACK_OUT)].map((dir) => Math.ceil(fs.statSync(dir).mtimeMs));
  return new Date(Math.max(Date.now(), ...parents));
}

/** `tsc -b test` (the program, the pack and the tests), the pack link and the stamp; exits on errors. */
function build() {
  const started = buildStart();
  const result = spawnSync(process.execPath, [bin(TSC[0]), ...TSC.slice(1)], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("Build failed (tsc -b test): fix the errors above, then run the command again.");
    process.exit(result.status ?? 1);
  }
  finishBuild(started);
}

/** The file of a package's command, e.g. `typescript/bin/tsc`. */
function bin(request) {
  return require.resolve(request, { paths: [ROOT] });
}

function finishBuild(started) {
  fs.rmSync(PACK_LINK, { recursive: true, force: true });
  if (process.platform === "win32") {
    fs.symlinkSync(PACK_OUT, PACK_LINK, "junction");
  } else {
    fs.symlinkSync(path.relative(BIN, PACK_OUT), PACK_LINK);
  }
  fs.writeFileSync(STAMP, "");
  fs.utimesSync(STAMP, started, started);
}

/**
 * Runs a command with its output kept; resolves to its exit code and output. `background`: at a
 * lower CPU priority (it and what it starts), so that it takes the CPU the tests leave idle.
 */
function captured(command, args, background = false) {
  return new Promise((resolve) => {
    const child = require("child_process").spawn(command, args, { cwd: ROOT });
    if (background && child.pid !== undefined) {
      try {
        require("os").setPriority(child.pid, 10);
      } catch {
        // Not allowed here: it runs at the normal priority.
      }
    }
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Runs a command with this process's output; resolves to its exit code. */
function inherited(command, args) {
  return new Promise((resolve) => {
    const child = require("child_process").spawn(command, args, { cwd: ROOT, stdio: "inherit" });
    child.on("close", (code) => resolve({ code, output: "" }));
  });
}

/** The TypeScript sources under `dir` (not declarations), skipping what newestInput skips. */
function sources(dir, skip = []) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (/^\.|^node_modules$|^bin$/.test(entry.name) || skip.includes(full)) {
      continue;
    }
    if (entry.isDirectory()) {
      found.push(...sources(full));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      found.push(full);
    }
  }
  return found;
}

/**
 * Writes the JavaScript of every source where `tsc -b test` writes it (bin/, policies/bin),
 * with esbuild, file by file and without type checking: about half a second instead of
 * `tsc`'s fifteen, so the tests can start while `tsc` checks the types.
 */
function transpile() {
  const esbuild = require(bin("esbuild"));
  const options = {
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "error",
    // As tsc compiles `import()` for CommonJS: a require, so bin/ never mixes in ES modules.
    supported: { "dynamic-import": false },
  };
  const packDir = path.join(ROOT, "policies");
  esbuild.buildSync({
    ...options,
    entryPoints: sources(ROOT, [packDir]),
    outdir: BIN,
    outbase: ROOT,
  });
  esbuild.buildSync({
    ...options,
    entryPoints: sources(packDir),
    outdir: PACK_OUT,
    outbase: packDir,
  });
}

/**
 * `npm test`: esbuild writes the JavaScript (half a second), then the tests, the type check
 * (`tsc -b test` writing declarations only) and the linters run at the same time, the tests
 * first in line for the CPU (they wait on other processes now and then; the rest fills in).
 * Every one of them must pass; a failed type check also takes back the build stamp, so the next
 * command builds (and stops on the type errors) instead of running the unchecked JavaScript.
 */
async function test() {
  const started = buildStart();
  transpile();
  finishBuild(started);
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const [mocha, built, linted] = await Promise.all([
    inherited(process.execPath, [bin("mocha/bin/mocha.js")]),
    captured(process.execPath, [bin(TSC[0]), ...TSC.slice(1), "--emitDeclarationOnly"], true),
    captured(npm[0], [...npm.slice(1), "run", "-s", "lint"], true),
  ]);
  if (built.code !== 0) {
    fs.rmSync(STAMP, { force: true });
  }
  let status = mocha.code === 0 ? 0 : (mocha.code ?? 1);
  for (const [name, result] of [
    ["tsc -b test (the type check)", built],
    ["npm run lint", linted],
  ]) {
    process.stdout.write(result.output);
    if (result.code !== 0) {
      console.error(`${name} failed: fix the errors above, then run npm test again.`);
      status = result.code ?? 1;
    }
  }
  process.exit(status);
}

function run() {
  const [script, ...argv] = process.argv.slice(2);
  if (script === "build") {
    build();
    return;
  }
  if (script === "test") {
    void test();
    return;
  }
  // A script is a scripts/<name>.ts that exports `main(argv)`.
  const scripts = fs
    .readdirSync(path.join(ROOT, "scripts"))
    .filter((file) => file.endsWith(".ts"))
    .filter((file) =>
      /^export (async function main\(|const main = )/m.test(
        fs.readFileSync(path.join(ROOT, "scripts", file), "utf8"),
      ),
    )
    .map((file) => file.slice(0, -3));
  if (!scripts.includes(script)) {
    console.error(
      `Unknown script ${JSON.stringify(script ?? "")}; run one of ${scripts.join(", ")}.`,
    );
    process.exit(1);
  }
  if (!upToDate(script)) {
    build();
  }
  const { runMain } = require(path.join(BIN, "scripts", "failAndExit.js"));
  runMain(require(path.join(BIN, "scripts", `${script}.js`)).main, argv);
}

run();
