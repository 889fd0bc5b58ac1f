import type { StackOutputs } from "../lib/stackOutputs";
import type { TaskArgs } from "./operatorArgs";
import type { CommandIo } from "./io";
import type { AwsSession } from "./session";

// What a strategy offers `npm run task`: a type below the registry (see shellSupport.ts).

/** What a strategy that runs one-off tasks does for `npm run task`. */
export interface TaskSupport {
  /** Runs `args.command` in a new task, follows it, and resolves to the exit code to end with. */
  run(args: TaskArgs, outputs: StackOutputs, session: AwsSession, io: CommandIo): Promise<number>;
}
