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

/** `tsc -b test` (the program, the pack and the tests), the pack link and the stamp; exits on errors. */
function build() {
  const started = new Date();
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, "-b", "test"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Build failed (tsc -b test): fix the errors above, then run the command again.");
    process.exit(result.status ?? 1);
  }
  fs.rmSync(PACK_LINK, { recursive: true, force: true });
  if (process.platform === "win32") {
    fs.symlinkSync(PACK_OUT, PACK_LINK, "junction");
  } else {
    fs.symlinkSync(path.relative(BIN, PACK_OUT), PACK_LINK);
  }
  fs.writeFileSync(STAMP, "");
  fs.utimesSync(STAMP, started, started);
}

function run() {
  const [script, ...argv] = process.argv.slice(2);
  if (script === "build") {
    build();
    return;
  }
  // A script is a scripts/<name>.ts that exports `main(argv)`.
  const scripts = fs
    .readdirSync(path.join(ROOT, "scripts"))
    .filter((file) => file.endsWith(".ts"))
    .filter((file) =>
      /^export async function main\(/m.test(
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
