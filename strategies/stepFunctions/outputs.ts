/**
 * The stack outputs the strategy adds, with what each holds. A leaf module: the stack-output
 * type (`lib/stackOutputs.ts`) reads the names without loading the strategy.
 */
export const STEP_FUNCTIONS_OUTPUTS = {
  stepFunctionsStateMachineArn: "the state machine that runs the task with a command",
  stepFunctionsStartCommand:
    "a ready-to-paste `aws stepfunctions start-execution …` that waits and prints the result",
  stepFunctionsOperatorRoleArn:
    "the role operators assume to start and follow runs of this state machine only",
};
