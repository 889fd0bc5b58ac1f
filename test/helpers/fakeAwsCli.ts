import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeService } from "../fakes/fakeService";
import { fakeAwsEnv } from "./operatorHarness";
import { startAwsWireServer } from "../fakes/awsJsonServer";

export interface ShellRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What the terminal commands (`execute-command`, `start-session`) would have opened. */
  sessions: { command: string; input: Record<string, unknown> }[];
}

/**
 * Runs a printed one-liner in `sh` with the fake AWS CLI (test/fakes/awsCli.ts) as `aws`, its
 * calls served by `services` (by SigV4 signing name) through the local AWS JSON server.
 */
export async function runWithFakeAwsCli(
  commandLine: string,
  services: Record<string, FakeService>,
): Promise<ShellRun> {
  const server = await startAwsWireServer(services);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-aws-cli-"));
  const sessionsFile = path.join(dir, "sessions.jsonl");
  fs.writeFileSync(
    path.join(dir, "aws"),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(__dirname, "..", "fakes", "awsCliMain.js")}" "$@"\n`,
    { mode: 0o755 },
  );
  try {
    return await new Promise<ShellRun>((resolve) => {
      execFile(
        "sh",
        ["-c", commandLine],
        {
          env: {
            PATH: `${dir}:${process.env.PATH ?? ""}`,
            HOME: dir,
            FAKE_AWS_CLI_SESSIONS: sessionsFile,
            ...fakeAwsEnv(server.endpoint),
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) => {
          const lines = fs.existsSync(sessionsFile)
            ? fs.readFileSync(sessionsFile, "utf8").split("\n").filter(Boolean)
            : [];
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
            sessions: lines.map((line) => JSON.parse(line) as ShellRun["sessions"][number]),
          });
        },
      );
    });
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
