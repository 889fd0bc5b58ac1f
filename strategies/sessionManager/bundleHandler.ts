import * as esbuild from "esbuild";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";

/** The cleanup handler's TypeScript source, bundled into the function's code. */
const CLEANUP_HANDLER_SOURCE = path.join(
  PROJECT_ROOT,
  "strategies",
  "sessionManager",
  "cleanup",
  "handler.ts",
);

/**
 * Bundles the cleanup handler with esbuild into one CommonJS file for Node.js 22. The AWS SDK v3
 * is bundled too (not taken from the runtime), so the deployed code runs the SDK version the
 * tests ran against. Deterministic: the same sources give the same bytes, so an unchanged
 * handler does not redeploy the function.
 */
export function bundleCleanupHandler(entry: string = CLEANUP_HANDLER_SOURCE): string {
  let code = bundles.get(entry);
  if (code === undefined) {
    code = bundle(entry);
    bundles.set(entry, code);
  }
  return code;
}

/** One bundle per entry and process: a plan bundles once however many stacks it runs. */
const bundles = new Map<string, string>();

function bundle(entry: string): string {
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}
