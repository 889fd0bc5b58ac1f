import { SHELL_SPEC, parseShellArgs } from "../operator/args";
import { CommandIo, processIo } from "../operator/io";
import { reportFailure } from "../operator/reportFailure";
import { openSession } from "../operator/session";
import { ProgramRunner, processRunner, runShellCommand } from "../operator/shellCommand";
import { chooseStrategy } from "../operator/shell";
import { helpText } from "./args";
import { readOutputs, stackRegion } from "./stackOutputs";

/**
 * `npm run shell -- --stack dev [--strategy ecsExec|sessionManager] [--command CMD]`: a shell in
 * the running task, through ECS Exec or Session Manager.
 */
export async function main(
  argv: string[],
  io: CommandIo = processIo(),
  runner: ProgramRunner = processRunner,
): Promise<number> {
  try {
    const args = parseShellArgs(argv);
    if (args.help) {
      io.stdout(`${helpText(SHELL_SPEC)}\n`);
      return 0;
    }
    const outputs = readOutputs(args.stack, args.outputs);
    const strategy = chooseStrategy(outputs, args.stack, args.strategy);
    const session = await openSession(
      stackRegion(args.stack),
      outputs,
      strategy,
      args.assumeOperatorRole,
    );
    return await runShellCommand({ ...args, strategy }, outputs, session, io, runner);
  } catch (error) {
    return reportFailure(error, io);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
