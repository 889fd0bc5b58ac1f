import { CapacityProvider } from "../../config/types";
import type { AllowedCommands } from "./allowedCommands";

/** What the run-task state machine needs to know about the workload. */
export interface RunTaskDefinitionArgs {
  /** The cluster every run's task starts in. */
  clusterArn: string;
  /** Family name: each execution runs the latest ACTIVE revision. */
  taskDefinitionFamily: string;
  /** The container whose command the run overrides. */
  containerName: string;
  /** The private subnets and security group the task gets: fixed, never from the input. */
  subnetIds: string[];
  securityGroupIds: string[];
  /** `service.capacityProvider` (default `FARGATE`). */
  capacityProvider: CapacityProvider;
  /** `stepFunctions.timeoutSeconds` (default 3600). */
  timeoutSeconds: number;
  /** Variables every run gets after the operator's own, e.g. the Session Manager one-off switch. */
  runEnvironment?: KeyValuePair[];
  /** `stepFunctions.allowedCommands` (default `[]`: any command). */
  allowedCommands?: AllowedCommands;
}

/**
 * Errors that pass on their own, retried with back-off. `ECS.*` are the ECS API's exceptions as
 * the integration names them; `AmazonECS.Unknown` is what `runTask.sync` raises when RunTask
 * answers with `Failures` and no task, e.g. "Capacity is unavailable at this time" on Fargate or
 * Fargate Spot (floci-io/floci#1564 review, checked against AWS; issue 12 §5).
 */
export const TRANSIENT_ECS_ERRORS = [
  "ECS.AmazonECSException",
  "ECS.ServerException",
  "ECS.ThrottlingException",
  "ECS.LimitExceededException",
];
const CAPACITY_ERRORS = ["AmazonECS.Unknown"];

export const RUN_TASK_STATE = "RunTask";
/** The error of the Fail state that refuses a command outside `allowedCommands`. */
export const COMMAND_NOT_ALLOWED = "CommandNotAllowed";

type State = Record<string, unknown>;

/**
 * An ECS `KeyValuePair` as the ECS integration takes it: PascalCase at every nested level, like
 * every member of the RunTask request ("Run Amazon ECS or Fargate tasks with Step Functions", Step
 * Functions developer guide; awsdocs/aws-step-functions-developer-guide#80). An unknown field
 * (`name`) is a `States.Runtime` error, which no Catch handles.
 */
export interface KeyValuePair {
  Name: string;
  Value: string;
}

/** The Cause of the InvalidInput Fail state: the shape the operator must send. */
export const INVALID_INPUT_CAUSE =
  'Input must be {"commands": ["program", "arg", ...]} (a non-empty list of strings) with an optional "environment": [{"name": "...", "value": "..."}] (strings; other keys of an entry are dropped).';

/**
 * The Amazon States Language definition: validate the input, run a new task from the workload's
 * task definition with the given command (`ecs:runTask.sync`), and fail the execution with the
 * container's exit code and the task's stopped reason when it does not exit 0. Built as data,
 * serialised once by the caller.
 *
 * With `.sync`, Step Functions itself fails the Task state with `States.TaskFailed` when the
 * task's essential container exits non-zero or the task stops before it ran, and puts the stopped
 * task (DescribeTasks, PascalCase keys) as JSON in the error's `Cause` (aws/copilot-cli#3160;
 * "Run Amazon ECS or Fargate tasks with Step Functions", Step Functions developer guide). So the
 * exit code is read from that Cause, never from a successful result.
 */
export function buildRunTaskDefinition(args: RunTaskDefinitionArgs): {
  Comment: string;
  StartAt: string;
  States: Record<string, State>;
} {
  const runEnvironment = args.runEnvironment ?? [];
  const afterEnvironment = runEnvironment.length > 0 ? ADD_RUN_ENVIRONMENT : RUN_TASK_STATE;
  const allowed = args.allowedCommands ?? [];
  const afterCommands = allowed.length > 0 ? COUNT_ARGUMENTS : CHECK_EACH_VARIABLE;
  return {
    Comment:
      "Run one command in a new task of the workload's task definition and report its exit code",
    StartAt: "ValidateInput",
    States: {
      ...inputValidationStates(afterCommands, afterEnvironment),
      ...(allowed.length > 0 ? allowListStates(allowed, CHECK_EACH_VARIABLE) : {}),
      ...(runEnvironment.length > 0 ? appendRunEnvironment(runEnvironment) : {}),
      [RUN_TASK_STATE]: runTaskState(args),
      ...failureStates(),
      Succeeded: { Type: "Succeed", OutputPath: "$.result" },
    },
  };
}

const ADD_RUN_ENVIRONMENT = "AddRunEnvironment";
const CHECK_EACH_VARIABLE = "CheckEachVariable";
const COUNT_ARGUMENTS = "CountArguments";
const REFUSE_COMMAND = "DescribeRefusedCommand";

/**
 * `allowedCommands`, enforced before any task starts (the commands are known to be strings by
 * now). The argument count picks the patterns of that length — a Choice on `$.commands[i]` past
 * the end would be a runtime error, not a false comparison — then each pattern is one rule, every
 * argument compared with `StringMatches` (the pattern text is passed through unchanged: `*`,
 * `\*`, `\\` mean what the States Language says). No rule matching ends in the
 * `CommandNotAllowed` Fail state, whose cause names the command. (The local interpreter the tests
 * use also reads `?` as a one-character wildcard, AWS does not; allowedCommands.ts models AWS.)
 */
function allowListStates(patterns: AllowedCommands, next: string): Record<string, State> {
  const lengths = [...new Set(patterns.map((pattern) => pattern.length))].sort((a, b) => a - b);
  const byLength = Object.fromEntries(
    lengths.map((length) => [
      `CheckCommandsOf${length}Arguments`,
      {
        Type: "Choice",
        Choices: patterns
          .filter((pattern) => pattern.length === length)
          .map((pattern) => {
            const conditions = pattern.map((element, i) => ({
              Variable: `$.commands[${i}]`,
              StringMatches: element,
            }));
            return {
              ...(conditions.length === 1 ? conditions[0] : { And: conditions }),
              Next: next,
            };
          }),
        Default: REFUSE_COMMAND,
      },
    ]),
  );
  return {
    [COUNT_ARGUMENTS]: {
      Type: "Pass",
      Parameters: { "count.$": "States.ArrayLength($.commands)" },
      ResultPath: "$.arguments",
      Next: "CheckArgumentCount",
    },
    CheckArgumentCount: {
      Type: "Choice",
      Choices: lengths.map((length) => ({
        Variable: "$.arguments.count",
        NumericEquals: length,
        Next: `CheckCommandsOf${length}Arguments`,
      })),
      Default: REFUSE_COMMAND,
    },
    ...byLength,
    [REFUSE_COMMAND]: {
      Type: "Pass",
      Parameters: {
        "message.$":
          "States.Format('The command {} matches no pattern of stepFunctions.allowedCommands; no task was started.', $.inputShape.commands)",
      },
      ResultPath: "$.refusal",
      Next: COMMAND_NOT_ALLOWED,
    },
    [COMMAND_NOT_ALLOWED]: {
      Type: "Fail",
      Error: COMMAND_NOT_ALLOWED,
      CausePath: "$.refusal.message",
    },
  };
}

/**
 * Appends fixed variables (already `{Name, Value}`) to `$.environment`. ASL has no array-concatenation intrinsic: the two
 * lists are paired with States.Array, then flattened with the path `$.environment[*][*]`, the
 * way the Step Functions guide flattens an array of arrays ("Using JSONPath paths").
 */
function appendRunEnvironment(variables: KeyValuePair[]): Record<string, State> {
  return {
    [ADD_RUN_ENVIRONMENT]: {
      Type: "Pass",
      Result: variables,
      ResultPath: "$.runEnvironment",
      Next: "PairEnvironments",
    },
    PairEnvironments: {
      Type: "Pass",
      Parameters: {
        "commands.$": "$.commands",
        "environment.$": "States.Array($.environment, $.runEnvironment)",
      },
      Next: "FlattenEnvironment",
    },
    FlattenEnvironment: {
      Type: "Pass",
      Parameters: { "commands.$": "$.commands", "environment.$": "$.environment[*][*]" },
      Next: RUN_TASK_STATE,
    },
  };
}

/**
 * `commands` must be a non-empty array of strings and `environment` (default `[]`) an array of
 * `{name, value}` strings, which the environment Map turns into ECS `{Name, Value}` pairs: the
 * operator's input stays friendly, the RunTask request stays PascalCase. A Choice rule has no "is an array" test and a Map over a non-array is
 * an uncatchable runtime error, so each value is first serialised (`States.JsonToString` takes any
 * JSON value) and the text must start with `[`.
 */
function inputValidationStates(afterCommands: string, next: string): Record<string, State> {
  return {
    ValidateInput: whenAll(
      [{ Variable: "$.commands", IsPresent: true }],
      "HasEnvironment",
      "InvalidInput",
    ),
    HasEnvironment: whenAll(
      [{ Variable: "$.environment", IsPresent: true }],
      "InspectInput",
      "NoEnvironment",
    ),
    NoEnvironment: {
      Type: "Pass",
      Result: [],
      ResultPath: "$.environment",
      Next: "InspectInput",
    },
    InspectInput: {
      Type: "Pass",
      Parameters: {
        "commands.$": "States.JsonToString($.commands)",
        "environment.$": "States.JsonToString($.environment)",
      },
      ResultPath: "$.inputShape",
      Next: "CheckShape",
    },
    CheckShape: whenAll(
      [
        // A non-empty array whose first item is a string; the Map checks the others.
        { Variable: "$.inputShape.commands", StringMatches: '["*' },
        { Variable: "$.inputShape.environment", StringMatches: "[*" },
      ],
      "CheckEachCommand",
      "InvalidInput",
    ),
    CheckEachCommand: eachItemMust("commands", ["$"], afterCommands),
    [CHECK_EACH_VARIABLE]: eachItemMust("environment", ["$.name", "$.value"], next, {
      "Name.$": "$.name",
      "Value.$": "$.value",
    }),
    InvalidInput: { Type: "Fail", Error: "InvalidInput", Cause: INVALID_INPUT_CAUSE },
  };
}

/**
 * From a caught error to a Fail state that says what happened. `States.TaskFailed` is also a
 * wildcard in a Catch (it matches every error but `States.Timeout`: "Error handling in Step
 * Functions"), so the error name and the shape of its Cause are checked before parsing it.
 */
function failureStates(): Record<string, State> {
  const task = "$.stopped.task";
  return {
    ExplainFailure: whenAll(
      [
        { Variable: "$.error.Error", StringEquals: "States.TaskFailed" },
        { Variable: "$.error.Cause", StringMatches: "{*" },
      ],
      "ParseStoppedTask",
      "RunTaskFailed",
    ),
    ParseStoppedTask: {
      Type: "Pass",
      Parameters: { "task.$": "States.StringToJson($.error.Cause)" },
      ResultPath: "$.stopped",
      Next: "CheckStoppedTask",
    },
    // A Choice on a missing path is a runtime error (only IsPresent is safe), so presence first.
    CheckStoppedTask: whenAll(
      [
        { Variable: `${task}.StoppedReason`, IsPresent: true },
        { Variable: `${task}.TaskArn`, IsPresent: true },
      ],
      "ReadExitCode",
      "RunTaskFailed",
    ),
    // The workload's task definition has exactly one container.
    ReadExitCode: whenAll(
      [{ Variable: `${task}.Containers[0].ExitCode`, IsPresent: true }],
      "DescribeExit",
      "DescribeStop",
    ),
    DescribeExit: {
      Type: "Pass",
      Parameters: {
        "message.$": `States.Format('Container exited with code {}; stopped reason: {}; task: {}', ${task}.Containers[0].ExitCode, ${task}.StoppedReason, ${task}.TaskArn)`,
      },
      ResultPath: "$.failure",
      Next: "ContainerFailed",
    },
    ContainerFailed: { Type: "Fail", Error: "NonZeroExitCode", CausePath: "$.failure.message" },
    DescribeStop: {
      Type: "Pass",
      Parameters: {
        "message.$": `States.Format('Task stopped before the container exited; stopped reason: {}; task: {}', ${task}.StoppedReason, ${task}.TaskArn)`,
      },
      ResultPath: "$.failure",
      Next: "TaskStopped",
    },
    TaskStopped: { Type: "Fail", Error: "TaskStopped", CausePath: "$.failure.message" },
    RunTaskFailed: { Type: "Fail", Error: "RunTaskFailed", CausePath: "$.error.Cause" },
  };
}

function runTaskState(args: RunTaskDefinitionArgs): State {
  const placement =
    args.capacityProvider === "FARGATE"
      ? { LaunchType: "FARGATE" }
      : { CapacityProviderStrategy: [{ CapacityProvider: args.capacityProvider, Weight: 1 }] };
  return {
    Type: "Task",
    Resource: "arn:aws:states:::ecs:runTask.sync",
    Parameters: {
      Cluster: args.clusterArn,
      TaskDefinition: args.taskDefinitionFamily,
      ...placement,
      PlatformVersion: "LATEST",
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: args.subnetIds,
          SecurityGroups: args.securityGroupIds,
          AssignPublicIp: "DISABLED",
        },
      },
      Overrides: {
        ContainerOverrides: [
          { Name: args.containerName, "Command.$": "$.commands", "Environment.$": "$.environment" },
        ],
      },
      PropagateTags: "TASK_DEFINITION",
      StartedBy: "fargate-access/stepFunctions",
    },
    TimeoutSeconds: args.timeoutSeconds,
    ResultSelector: {
      "TaskArn.$": "$.TaskArn",
      "ExitCode.$": "$.Containers[0].ExitCode",
      "StoppedReason.$": "$.StoppedReason",
    },
    ResultPath: "$.result",
    Retry: [
      {
        ErrorEquals: TRANSIENT_ECS_ERRORS,
        IntervalSeconds: 10,
        MaxAttempts: 3,
        BackoffRate: 2,
        JitterStrategy: "FULL",
      },
      {
        // Capacity comes back within minutes; wait longer between attempts.
        ErrorEquals: CAPACITY_ERRORS,
        IntervalSeconds: 30,
        MaxAttempts: 4,
        BackoffRate: 2,
        JitterStrategy: "FULL",
      },
    ],
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "ExplainFailure" }],
    Next: "Succeeded",
  };
}

/** A Choice state: on to `next` when every condition holds, else to `otherwise`. */
function whenAll(conditions: State[], next: string, otherwise: string): State {
  const rule = conditions.length === 1 ? conditions[0] : { And: conditions };
  return { Type: "Choice", Choices: [{ ...rule, Next: next }], Default: otherwise };
}

/**
 * A Map state that fails with InvalidInput unless, in every item of `$.<field>`, each of
 * `stringPaths` is a string. Presence is checked first: a Choice on a missing path is a runtime
 * error, not a false comparison. With `convert`, each valid item is replaced by that payload
 * template (the Map's results replace `$.<field>`); without, the input passes unchanged.
 */
function eachItemMust(
  field: string,
  stringPaths: string[],
  next: string,
  convert?: Record<string, string>,
): State {
  // State names must be unique across the whole machine, item processors included.
  const prefix = field.charAt(0).toUpperCase() + field.slice(1);
  return {
    Type: "Map",
    ItemsPath: `$.${field}`,
    ItemProcessor: {
      ProcessorConfig: { Mode: "INLINE" },
      StartAt: `Check${prefix}Item`,
      States: {
        [`Check${prefix}Item`]: {
          Type: "Choice",
          Choices: [
            ...stringPaths.map((path) => ({
              Not: { Variable: path, IsPresent: true },
              Next: `${prefix}ItemInvalid`,
            })),
            {
              And: stringPaths.map((path) => ({ Variable: path, IsString: true })),
              Next: `${prefix}ItemOk`,
            },
          ],
          Default: `${prefix}ItemInvalid`,
        },
        [`${prefix}ItemOk`]: convert
          ? { Type: "Pass", Parameters: convert, End: true }
          : { Type: "Succeed" },
        [`${prefix}ItemInvalid`]: {
          Type: "Fail",
          Error: "InvalidInput",
          Cause: `a ${field} item is invalid`,
        },
      },
    },
    ResultPath: convert ? `$.${field}` : null,
    Catch: [{ ErrorEquals: ["States.ALL"], Next: "InvalidInput" }],
    Next: next,
  };
}
