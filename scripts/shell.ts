import { SHELL_SPEC, parseShellArgs } from "../operator/args";
import { CommandIo, processIo } from "../operator/io";
import { ProgramRunner, processRunner, runShellCommand } from "../operator/shellCommand";
import { chooseStrategy } from "../operator/shell";
import { operatorMain } from "./operatorMain";

/**
 * `npm run shell -- --stack dev [--strategy ecsExec|sessionManager] [--command CMD]`: a shell in
 * the running task, through ECS Exec or Session Manager.
 */
export async function main(
  argv: string[],
  io: CommandIo = processIo(),
  runner: ProgramRunner = processRunner,
): Promise<number> {
  return operatorMain(
    io,
    SHELL_SPEC,
    () => parseShellArgs(argv),
    (args, outputs) => chooseStrategy(outputs, args.stack, args.strategy),
    ({ args, outputs, strategy, session }) =>
      runShellCommand({ ...args, strategy }, outputs, session, io, runner),
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
