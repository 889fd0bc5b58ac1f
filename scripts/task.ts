import { TASK_SPEC, parseTaskArgs } from "../operator/args";
import { CommandIo, processIo } from "../operator/io";
import { chooseTaskStrategy, taskSupportOf } from "../operator/task";
import { operatorMain } from "./operatorMain";

/**
 * `npm run task -- --stack dev [--outputs FILE] [--env K=V]... -- <command...>`: runs the command
 * in a new task through the stack's state machine and exits with the container's exit code.
 */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  return operatorMain(
    io,
    TASK_SPEC,
    () => parseTaskArgs(argv),
    (args, outputs) => chooseTaskStrategy(outputs, args.stack),
    async ({ args, outputs, strategy, session }) =>
      (await taskSupportOf(strategy)).run(args, outputs, session, io),
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
