import * as assert from "assert";
import aslValidator from "asl-validator";
import { StateMachine } from "aws-local-stepfunctions";
import {
  INVALID_INPUT_CAUSE,
  RUN_TASK_STATE,
  RunTaskDefinitionArgs,
  TRANSIENT_ECS_ERRORS,
  buildRunTaskDefinition,
} from "../../strategies/stepFunctions/definition";
import { TRANSITIONS_PER_RUN } from "../../strategies/stepFunctions";
import { FAKE_TASK_ARN, TaskOutcome, fakeRunTaskSync } from "../fakes/ecsRunTaskSync";
import { startLocalExecution } from "../fakes/localStateMachine";
import { plan, resourceNamed, stackConfig, statementsOf } from "../helpers/offlinePlan";

const ARGS: RunTaskDefinitionArgs = {
  clusterArn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/c",
  taskDefinitionFamily: "fargate-access-dev",
  containerName: "app",
  subnetIds: ["subnet-0123abcd"],
  securityGroupIds: ["sg-0123abcd"],
  capacityProvider: "FARGATE",
  timeoutSeconds: 900,
};

type Json = Parameters<StateMachine["run"]>[0];

// Definitions and task inputs are deep JSON; tests walk them by known paths.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/**
 * Runs the definition locally with the ECS integration replaced by the fake, which raises what
 * AWS raises; every RunTask's Parameters pass the RunTask contract check first. Returns the
 * output, the failure (`Error Cause`), the states entered and the Parameters each task got.
 */
async function execute(
  input: Json,
  outcomes: TaskOutcome[] = [{ exitCode: 0 }],
  definition: object = buildRunTaskDefinition(ARGS),
) {
  const run = startLocalExecution(definition, input, fakeRunTaskSync(outcomes));
  const outcome = await run.outcome;
  return {
    output: outcome.status === "SUCCEEDED" ? (outcome.output as Json) : null,
    failure: outcome.status === "FAILED" ? `${outcome.error} ${outcome.cause}` : undefined,
    entered: run.entered,
    runs: run.runTaskCalls as Loose[],
  };
}

async function failureOf(input: Json, outcomes?: TaskOutcome[]): Promise<string> {
  const { failure } = await execute(input, outcomes);
  assert.ok(failure !== undefined, "expected the execution to fail");
  return failure;
}

describe("Step Functions run-task definition", () => {
  it("passes the ASL validator", () => {
    const { isValid, errorsText } = aslValidator(buildRunTaskDefinition(ARGS));
    assert.ok(isValid, errorsText("\n"));
  });

  it("runs the command in a private subnet without a public IP, with the timeout", () => {
    const state = buildRunTaskDefinition(ARGS).States[RUN_TASK_STATE] as Loose;
    assert.strictEqual(state.Resource, "arn:aws:states:::ecs:runTask.sync");
    assert.strictEqual(state.TimeoutSeconds, 900);
    assert.deepStrictEqual(state.Parameters.NetworkConfiguration.AwsvpcConfiguration, {
      Subnets: ["subnet-0123abcd"],
      SecurityGroups: ["sg-0123abcd"],
      AssignPublicIp: "DISABLED",
    });
    assert.strictEqual(state.Parameters.LaunchType, "FARGATE");
    assert.strictEqual(state.Parameters.PlatformVersion, "LATEST");
    assert.deepStrictEqual(state.Parameters.Overrides.ContainerOverrides, [
      { Name: "app", "Command.$": "$.commands", "Environment.$": "$.environment" },
    ]);
    assert.deepStrictEqual(state.Retry[0].ErrorEquals, TRANSIENT_ECS_ERRORS);
  });

  it("uses the capacity provider strategy instead of a launch type for FARGATE_SPOT", () => {
    const spot = buildRunTaskDefinition({ ...ARGS, capacityProvider: "FARGATE_SPOT" });
    const parameters = (spot.States[RUN_TASK_STATE] as Loose).Parameters;
    assert.strictEqual(parameters.LaunchType, undefined);
    assert.deepStrictEqual(parameters.CapacityProviderStrategy, [
      { CapacityProvider: "FARGATE_SPOT", Weight: 1 },
    ]);
  });

  it("succeeds with the task's exit code when the container exits 0", async () => {
    const { output, runs } = await execute({ commands: ["php", "artisan", "batch:x"] });
    assert.deepStrictEqual(output, {
      TaskArn: FAKE_TASK_ARN,
      ExitCode: 0,
      StoppedReason: "Essential container in task exited",
    });
    assert.deepStrictEqual(runs[0].Overrides.ContainerOverrides[0], {
      Name: "app",
      Command: ["php", "artisan", "batch:x"],
      Environment: [],
    });
  });

  it("passes the operator's {name, value} environment as ECS {Name, Value} pairs, in order, then the run's own", async () => {
    const { runs } = await execute(
      {
        commands: ["env"],
        environment: [
          { name: "DRY_RUN", value: "1" },
          { name: "MODE", value: "full", note: "dropped" },
        ],
      },
      undefined,
      buildRunTaskDefinition({ ...ARGS, runEnvironment: [{ Name: "FA_ONE_OFF", Value: "1" }] }),
    );
    assert.deepStrictEqual(runs[0].Overrides.ContainerOverrides[0].Environment, [
      { Name: "DRY_RUN", Value: "1" },
      { Name: "MODE", Value: "full" },
      { Name: "FA_ONE_OFF", Value: "1" },
    ]);
  });

  it("fails with NonZeroExitCode naming exit code 3 and the stopped reason (States.TaskFailed cause)", async () => {
    const failure = await failureOf({ commands: ["false"] }, [{ exitCode: 3 }]);
    assert.match(failure, /^NonZeroExitCode /);
    assert.match(failure, /exited with code 3; stopped reason: Essential container in task exited/);
    assert.match(failure, new RegExp(FAKE_TASK_ARN));
  });

  it("fails with TaskStopped and the reason when the container never ran", async () => {
    const stoppedReason =
      "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref";
    const failure = await failureOf({ commands: ["true"] }, [
      { stoppedReason, stopCode: "TaskFailedToStart" },
    ]);
    assert.match(failure, /^TaskStopped /);
    assert.ok(failure.includes(stoppedReason), failure);
  });

  it("states the transitions of one successful three-command run that the cost estimate uses", async () => {
    const { entered } = await execute({ commands: ["php", "artisan", "batch:x"] });
    assert.strictEqual(entered.length, TRANSITIONS_PER_RUN, entered.join(", "));
  });

  const invalidInputs: [string, Json][] = [
    ["no commands", {}],
    ["commands not a list", { commands: "php artisan" }],
    ["commands an object", { commands: { 0: "php" } }],
    ["empty commands", { commands: [] }],
    ["a number among the commands", { commands: ["sleep", 5] }],
    ["a number as first command", { commands: [5, "sleep"] }],
    ["environment a string", { commands: ["env"], environment: "A=1" }],
    ["environment an object", { commands: ["env"], environment: { name: "A", value: "1" } }],
    ["an environment entry without a value", { commands: ["env"], environment: [{ name: "A" }] }],
    [
      "an environment entry in ECS's own PascalCase",
      { commands: ["env"], environment: [{ Name: "A", Value: "1" }] },
    ],
    [
      "a number as a variable's value",
      { commands: ["env"], environment: [{ name: "A", value: 1 }] },
    ],
  ];
  for (const [title, input] of invalidInputs) {
    it(`fails with InvalidInput for ${title}, saying the expected shape, without running a task`, async () => {
      const { failure, runs } = await execute(input);
      assert.strictEqual(failure, `InvalidInput ${INVALID_INPUT_CAUSE}`);
      assert.strictEqual(runs.length, 0);
    });
  }

  it("retries transient ECS errors, then succeeds", async () => {
    const { output, runs } = await execute({ commands: ["true"] }, [
      { failures: ["Capacity is unavailable at this time."] },
      { failures: ["Capacity is unavailable at this time."] },
      { exitCode: 0 },
    ]);
    assert.strictEqual(runs.length, 3);
    assert.strictEqual((output as Loose).ExitCode, 0);
  });

  it("gives up on capacity after the retries and fails with RunTaskFailed and the reason", async () => {
    const { failure, runs } = await execute({ commands: ["true"] }, [
      { failures: ["Capacity is unavailable at this time."] },
    ]);
    assert.strictEqual(runs.length, 5);
    assert.match(String(failure), /^RunTaskFailed .*Capacity is unavailable/);
  });
});

describe("StepFunctionsAccess", () => {
  it("builds the state machine, its least-privilege role and the operator role", async () => {
    const operator = "arn:aws:iam::123456789012:role/batch";
    const run = await plan(
      stackConfig({
        "fargate-access:strategies": ["stepFunctions"],
        "fargate-access:stepFunctions": {
          timeoutSeconds: 1800,
          includeExecutionData: false,
          operatorPrincipals: [operator],
        },
      }),
    );
    const machine = resourceNamed(run, "step-functions-state-machine");
    assert.strictEqual(machine.inputs.type, "STANDARD");
    assert.deepStrictEqual(machine.inputs.tracingConfiguration, { enabled: true });
    const logging = machine.inputs.loggingConfiguration as Record<string, unknown>;
    assert.strictEqual(logging.level, "ALL");
    assert.strictEqual(logging.includeExecutionData, false);
    const definition = JSON.parse(String(machine.inputs.definition));
    const runTask = definition.States[RUN_TASK_STATE];
    assert.strictEqual(runTask.TimeoutSeconds, 1800);
    assert.deepStrictEqual(
      runTask.Parameters.NetworkConfiguration.AwsvpcConfiguration.Subnets,
      run.outputs.privateSubnetIds,
    );
    assert.strictEqual(runTask.Parameters.TaskDefinition, "fargate-access-test");

    const clusterArn = `arn:aws:ecs:ap-northeast-1:123456789012:cluster/${String(run.outputs.clusterName)}`;
    const tasks = `arn:aws:ecs:ap-northeast-1:123456789012:task/${String(run.outputs.clusterName)}/*`;
    const statements = statementsOf(resourceNamed(run, "step-functions-role-policy"));
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    assert.deepStrictEqual(Object.keys(bySid), [
      "RunWorkloadTask",
      "TagTaskAtLaunch",
      "WatchAndStopTask",
      "PassTaskRoles",
      "ManageTaskStopRule",
      "DeliverExecutionLogs",
      "WriteTraces",
    ]);
    assert.deepStrictEqual(bySid.RunWorkloadTask.Resource, [
      "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/fargate-access-test:*",
    ]);
    assert.deepStrictEqual(bySid.RunWorkloadTask.Condition, {
      ArnEquals: { "ecs:cluster": clusterArn },
    });
    assert.deepStrictEqual(bySid.WatchAndStopTask.Resource, [tasks]);
    // PropagateTags tags the task at RunTask: tag-on-create needs ecs:TagResource, only at creation.
    assert.strictEqual(runTask.Parameters.PropagateTags, "TASK_DEFINITION");
    assert.deepStrictEqual(bySid.TagTaskAtLaunch.Action, ["ecs:TagResource"]);
    assert.deepStrictEqual(bySid.TagTaskAtLaunch.Resource, [tasks]);
    assert.deepStrictEqual(bySid.TagTaskAtLaunch.Condition, {
      StringEquals: { "ecs:CreateAction": "RunTask" },
    });
    assert.deepStrictEqual(bySid.PassTaskRoles.Resource, [
      String(run.outputs.taskRoleArn),
      roleArn(run, "workload-execution-role"),
    ]);
    assert.deepStrictEqual(bySid.PassTaskRoles.Condition, {
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
    assert.deepStrictEqual(bySid.ManageTaskStopRule.Resource, [
      "arn:aws:events:ap-northeast-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule",
    ]);

    const operatorStatements = statementsOf(resourceNamed(run, "step-functions-operator-policy"));
    assert.deepStrictEqual(
      operatorStatements.map((s) => [s.Action, s.Resource]),
      [
        [["states:StartExecution"], [run.outputs.stepFunctionsStateMachineArn]],
        [
          ["states:DescribeStateMachine", "states:ListExecutions"],
          [run.outputs.stepFunctionsStateMachineArn],
        ],
        [
          [
            "states:DescribeExecution",
            "states:DescribeStateMachineForExecution",
            "states:GetExecutionHistory",
            "states:StopExecution",
          ],
          [
            String(run.outputs.stepFunctionsStateMachineArn).replace(
              ":stateMachine:",
              ":execution:",
            ) + ":*",
          ],
        ],
        [
          ["logs:GetLogEvents"],
          [
            `arn:aws:logs:ap-northeast-1:123456789012:log-group:${String(run.outputs.containerLogGroupName)}:log-stream:*`,
          ],
        ],
      ],
    );
    assert.match(
      String(run.outputs.stepFunctionsStartCommand),
      /aws stepfunctions start-execution --region ap-northeast-1 --state-machine-arn arn:aws:states:/,
    );
  });
});

function roleArn(run: Awaited<ReturnType<typeof plan>>, name: string): string {
  return `arn:aws:iam::123456789012:role/${resourceNamed(run, name).id.replace(/-id$/, "")}`;
}
