import { spawn } from "child_process";
import type { StackOutputs } from "../lib/stackOutputs";
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../offline/stackFiles";
import { ShellArgs } from "./operatorArgs";
import { CommandIo } from "./io";
import { AwsSession, childEnvironment } from "./session";
import { INSTALL, chooseStrategy, shellQuote, shellSupportOf } from "./shell";
import { ShellPlan } from "./shellSupport";

/** Runs local programs: replaced in tests. */
export interface ProgramRunner {
  /** Whether `program` is an executable file on PATH. */
  onPath(program: string): boolean;
  /** Runs with the terminal attached; resolves with the exit code. */
  run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<number>;
}

export const processRunner: ProgramRunner = {
  onPath(program) {
    return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
      try {
        fs.accessSync(path.join(dir, program), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  },
  run(program, args, env) {
    return new Promise((resolve, reject) => {
      const child = spawn(program, args, { stdio: "inherit", env });
      // The session owns the terminal: Ctrl-C goes to it, not to us.
      const ignore = () => undefined;
      process.on("SIGINT", ignore);
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        process.off("SIGINT", ignore);
        resolve(code ?? (signal ? 128 : 1));
      });
    });
  },
};

/**
 * `npm run shell`: finds the running task (or managed instance), checks what decides whether a
 * session can start, and runs it through the AWS CLI and the Session Manager plugin; or prints
 * the command and what to install.
 */
export async function runShellCommand(
  args: ShellArgs,
  outputs: StackOutputs,
  session: AwsSession,
  io: CommandIo,
  runner: ProgramRunner,
): Promise<number> {
  const strategy = chooseStrategy(outputs, args.stack, args.strategy);
  const support = await shellSupportOf(strategy);
  if (support.refusesCommand && args.command !== undefined) {
    throw new UsageError(support.refusesCommand);
  }
  const plan = await support.plan(session, outputs, {
    stack: args.stack,
    command: args.command ?? "sh",
  });
  for (const program of ["aws", "session-manager-plugin"] as const) {
    if (!runner.onPath(program)) plan.missing.push({ program, install: INSTALL[program] });
  }
  if (args.json) {
    io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    return plan.blocker || plan.missing.length > 0 ? 1 : 0;
  }
  return startSession(plan, session, io, runner);
}

async function startSession(
  plan: ShellPlan,
  session: AwsSession,
  io: CommandIo,
  runner: ProgramRunner,
): Promise<number> {
  for (const note of plan.notes) io.stderr(`note: ${note}\n`);
  if (plan.blocker || !plan.awsArgs) {
    io.stderr(`Cannot open a session: ${plan.blocker}\n`);
    return 1;
  }
  const commandLine = ["aws", ...plan.awsArgs].map(shellQuote).join(" ");
  if (plan.missing.length > 0) {
    io.stderr(
      [
        `Found ${plan.target}, but this machine lacks what the session needs:`,
        ...plan.missing.map((m) => `  - ${m.program}: install ${m.install}`),
        "Then run (with the same credentials):",
        `  ${commandLine}`,
        "",
      ].join("\n"),
    );
    return 1;
  }
  io.stderr(`Opening a session on ${plan.target}:\n  ${commandLine}\n`);
  return runner.run("aws", plan.awsArgs, childEnvironment(session));
}
