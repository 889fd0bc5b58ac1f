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

/** `tsc -b test` (the program, the pack and the tests), the pack link and the stamp; exits on errors. */
function build() {
  const started = new Date();
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

/** Runs a command with its output kept; resolves to its exit code and output. */
function captured(command, args) {
  return new Promise((resolve) => {
    const child = require("child_process").spawn(command, args, { cwd: ROOT });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * `npm test`: the build and the linters at the same time (one core each), then mocha; the
 * first failure stops it with its output.
 */
async function test() {
  const started = new Date();
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const [built, linted] = await Promise.all([
    captured(process.execPath, [bin(TSC[0]), ...TSC.slice(1)]),
    captured(npm[0], [...npm.slice(1), "run", "-s", "lint"]),
  ]);
  for (const [name, result] of [
    ["tsc -b test", built],
    ["npm run lint", linted],
  ]) {
    process.stdout.write(result.output);
    if (result.code !== 0) {
      console.error(`${name} failed: fix the errors above, then run npm test again.`);
      process.exit(result.code ?? 1);
    }
  }
  finishBuild(started);
  const mocha = spawnSync(process.execPath, [bin("mocha/bin/mocha.js")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  process.exit(mocha.status ?? 1);
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
