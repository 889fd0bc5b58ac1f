import { spawnSync } from "child_process";
import * as path from "path";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import { ScriptMain, failureText } from "../../scripts/failAndExit";

export interface ScriptResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr. */
  output: string;
}

/**
 * Runs a script's `main(argv)` in this process as the command line would (same exit code, same
 * text for a user's mistake), capturing what it prints with `console`.
 */
export async function runScript(main: ScriptMain, argv: string[]): Promise<ScriptResult> {
  const captured = { stdout: "", stderr: "" };
  const saved = { log: console.log, error: console.error, warn: console.warn };
  const to =
    (stream: keyof typeof captured) =>
    (...parts: unknown[]) => {
      captured[stream] +=
        `${parts.map((part) => (typeof part === "string" ? part : String(part))).join(" ")}\n`;
    };
  console.log = to("stdout");
  console.error = console.warn = to("stderr");
  let status: number;
  try {
    status = await main(argv);
  } catch (error) {
    console.error(failureText(error));
    status = 1;
  } finally {
    Object.assign(console, saved);
  }
  return { status, ...captured, output: captured.stdout + captured.stderr };
}

/** Runs `bin/scripts/<script>.js` as its own process (the smoke test of each command). */
export function spawnScript(
  script: string,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): ScriptResult {
  const file = path.join(PROJECT_ROOT, "bin", "scripts", `${script}.js`);
  const result = spawnSync(process.execPath, [file, ...argv], { encoding: "utf8", env });
  return {
    status: result.status ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `${result.stdout}${result.stderr}`,
  };
}
