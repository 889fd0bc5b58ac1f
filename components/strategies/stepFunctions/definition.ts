import { CapacityProvider } from "../../../config/types";

/** What the run-task state machine needs to know about the workload. */
export interface RunTaskDefinitionArgs {
  clusterArn: string;
  /** Family name: each execution runs the latest ACTIVE revision. */
  taskDefinitionFamily: string;
  containerName: string;
  subnetIds: string[];
  securityGroupIds: string[];
  capacityProvider: CapacityProvider;
  timeoutSeconds: number;
  /** Variables every run gets after the operator's own, e.g. the Session Manager one-off switch. */
  runEnvironment?: { name: string; value: string }[];
}

/** Errors ECS raises for conditions that pass on their own, e.g. no Fargate capacity. */
export const TRANSIENT_ECS_ERRORS = [
  "ECS.AmazonECSException",
  "ECS.ServerException",
  "ECS.ThrottlingException",
  "ECS.LimitExceededException",
];

export const RUN_TASK_STATE = "RunTask";

type State = Record<string, unknown>;

/**
 * The Amazon States Language definition: validate the input, run a new task from the workload's
 * task definition with the given command (`ecs:runTask.sync`), and fail the execution when the
 * container exits non-zero. Built as data, serialised once by the caller.
 */
export function buildRunTaskDefinition(args: RunTaskDefinitionArgs): {
  Comment: string;
  StartAt: string;
  States: Record<string, State>;
} {
  const runEnvironment = args.runEnvironment ?? [];
  const afterEnvironment = runEnvironment.length > 0 ? ADD_RUN_ENVIRONMENT : RUN_TASK_STATE;
  return {
    Comment:
      "Run one command in a new task of the workload's task definition and report its exit code",
    StartAt: "ValidateInput",
    States: {
      ValidateInput: {
        Type: "Choice",
        Choices: [
          {
            And: [
              { Variable: "$.commands", IsPresent: true },
              { Not: { Variable: "$.commands", IsString: true } },
              { Variable: "$.commands[0]", IsPresent: true },
            ],
            Next: "CheckEachCommand",
          },
        ],
        Default: "InvalidInput",
      },
      CheckEachCommand: eachItemMust("commands", ["$"], "HasEnvironment"),
      HasEnvironment: {
        Type: "Choice",
        Choices: [{ Variable: "$.environment", IsPresent: true, Next: "CheckEachVariable" }],
        Default: "NoEnvironment",
      },
      NoEnvironment: {
        Type: "Pass",
        Result: [],
        ResultPath: "$.environment",
        Next: afterEnvironment,
      },
      CheckEachVariable: eachItemMust("environment", ["$.name", "$.value"], afterEnvironment),
      ...(runEnvironment.length > 0 ? appendRunEnvironment(runEnvironment) : {}),
      [RUN_TASK_STATE]: runTaskState(args),
      CheckExitCode: {
        Type: "Choice",
        Choices: [{ Variable: "$.result.ExitCode", NumericEquals: 0, Next: "Succeeded" }],
        Default: "DescribeContainerFailure",
      },
      DescribeContainerFailure: {
        Type: "Pass",
        Parameters: {
          "cause.$":
            "States.Format('Container exited with code {} (task {}, stopped: {})', $.result.ExitCode, $.result.TaskArn, $.result.StoppedReason)",
        },
        Next: "ContainerFailed",
      },
      ContainerFailed: { Type: "Fail", Error: "NonZeroExitCode", CausePath: "$.cause" },
      RunTaskFailed: { Type: "Fail", Error: "RunTaskFailed", CausePath: "$.error.Cause" },
      InvalidInput: {
        Type: "Fail",
        Error: "InvalidInput",
        Cause:
          'Input must be {"commands": ["program", "arg", ...]} with only strings, and an optional "environment": [{"name": "...", "value": "..."}].',
      },
      Succeeded: { Type: "Succeed", OutputPath: "$.result" },
    },
  };
}

const ADD_RUN_ENVIRONMENT = "AddRunEnvironment";

/**
 * Appends fixed variables to `$.environment`. ASL has no array-concatenation intrinsic: the two
 * lists are paired with States.Array, then flattened with the path `$.environment[*][*]`, the
 * way the Step Functions guide flattens an array of arrays ("Using JSONPath paths").
 */
function appendRunEnvironment(variables: { name: string; value: string }[]): Record<string, State> {
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
    ],
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "RunTaskFailed" }],
    Next: "CheckExitCode",
  };
}

/**
 * A Map state that fails with InvalidInput unless, in every item of `$.<field>`, each of
 * `stringPaths` is a string. Presence is checked first: a Choice on a missing path is a runtime
 * error, not a false comparison.
 */
function eachItemMust(field: string, stringPaths: string[], next: string): State {
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
        [`${prefix}ItemOk`]: { Type: "Succeed" },
        [`${prefix}ItemInvalid`]: {
          Type: "Fail",
          Error: "InvalidInput",
          Cause: `a ${field} item is invalid`,
        },
      },
    },
    ResultPath: null,
    Catch: [{ ErrorEquals: ["States.ALL"], Next: "InvalidInput" }],
    Next: next,
  };
}
