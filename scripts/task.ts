import { TASK_SPEC, parseTaskArgs } from "../operator/args";
import { CommandIo, processIo } from "../operator/io";
import { createRunTaskClients, runTaskCommand } from "../operator/runTask";
import { openSession } from "../operator/session";
import { reportFailure } from "../operator/reportFailure";
import { helpText } from "./args";
import { readOutputs, stackRegion } from "./stackOutputs";

/**
 * `npm run task -- --stack dev [--outputs FILE] [--env K=V]... -- <command...>`: runs the command
 * in a new task through the stack's state machine and exits with the container's exit code.
 */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const args = parseTaskArgs(argv);
    if (args.help) {
      io.stdout(`${helpText(TASK_SPEC)}\n`);
      return 0;
    }
    const outputs = readOutputs(args.stack, args.outputs);
    const session = await openSession(
      stackRegion(args.stack),
      outputs,
      "stepFunctions",
      args.assumeOperatorRole,
    );
    return await runTaskCommand(args, outputs, session, createRunTaskClients(session), io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
