import { OperatorArgs } from "../operator/operatorArgs";
import { CommandIo } from "../operator/io";
import { reportFailure } from "../operator/reportFailure";
import { AwsSession, openSession } from "../operator/session";
import type { StackOutputs } from "../lib/stackOutputs";
import type { StrategyName } from "../strategies/strategyName";
import { ScriptSpec, helpText } from "./args";
import { readOutputs, stackRegion } from "./stackOutputs";
import { validateFlatConfig } from "../config/read";
import { readStackConfigFile } from "../offline/stackFiles";

/**
 * The strategy's `requireMfa` from the stack's config file (so an IAM user is asked for a code
 * before STS refuses); undefined when the file cannot be read or validated here.
 */
function operatorRequiresMfa(stack: string, strategy: StrategyName): boolean | undefined {
  try {
    const { config } = validateFlatConfig(readStackConfigFile(stack), { stack });
    return (config[strategy] as { requireMfa?: boolean }).requireMfa;
  } catch {
    return undefined;
  }
}

/** What an operator command works with, once its arguments are read. */
export interface OperatorContext<Args, Strategy extends StrategyName> {
  args: Args;
  outputs: StackOutputs;
  /** The strategy the command goes through. */
  strategy: Strategy;
  /** Who calls AWS, and where: the operator role when asked. */
  session: AwsSession;
}

/**
 * The frame of an operator command (`task`, `shell`): parse the arguments, answer `--help`, read
 * the stack's outputs, choose the strategy, open the AWS session, run `body`. Any failure is
 * reported on `io` (a user's mistake without a stack trace) as exit 1.
 */
export async function operatorMain<Args extends OperatorArgs, Strategy extends StrategyName>(
  io: CommandIo,
  spec: ScriptSpec,
  parse: () => Args,
  choose: (args: Args, outputs: StackOutputs) => Strategy,
  body: (context: OperatorContext<Args, Strategy>) => Promise<number>,
): Promise<number> {
  try {
    const args = parse();
    if (args.help) {
      io.stdout(`${helpText(spec)}\n`);
      return 0;
    }
    const outputs = readOutputs(args.stack, args.outputs);
    const strategy = choose(args, outputs);
    const region = stackRegion(args.stack);
    const session = await openSession(region, outputs, strategy, args.assumeOperatorRole, io, {
      mfaSerial: args.mfaSerial,
      mfaCode: args.mfaCode,
      requireMfa: args.assumeOperatorRole ? operatorRequiresMfa(args.stack, strategy) : undefined,
    });
    return await body({ args, outputs, strategy, session });
  } catch (error) {
    return reportFailure(error, io);
  }
}
