import * as assert from "assert";
import aslValidator from "asl-validator";
import { ExecutionError, StateMachine } from "aws-local-stepfunctions";
import {
  RUN_TASK_STATE,
  RunTaskDefinitionArgs,
  TRANSIENT_ECS_ERRORS,
  buildRunTaskDefinition,
} from "../../components/strategies/stepFunctions/definition";
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
type RunTaskStub = (input: Json) => Json | Promise<Json>;

// Definitions and task inputs are deep JSON; tests walk them by known paths.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

class EcsError extends Error {
  constructor(name: string) {
    super(`${name}: stubbed`);
    this.name = name;
  }
}

/** Runs the definition locally with the ECS task integration replaced by `stub`. */
async function execute(input: Json, stub: RunTaskStub): Promise<Json> {
  const machine = new StateMachine(buildRunTaskDefinition(ARGS) as never, {
    validationOptions: { checkArn: false },
  });
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers: { [RUN_TASK_STATE]: stub },
      retryIntervalOverrides: { [RUN_TASK_STATE]: 0 },
    },
  });
  return execution.result;
}

async function failureOf(input: Json, stub: RunTaskStub): Promise<string> {
  try {
    await execute(input, stub);
  } catch (error) {
    assert.ok(error instanceof ExecutionError, String(error));
    return `${(error.cause as { name?: string })?.name ?? ""} ${error.message}`;
  }
  assert.fail("expected the execution to fail");
}

const stoppedTask = (exitCode: number) => ({
  TaskArn: "arn:aws:ecs:ap-northeast-1:123456789012:task/c/abc",
  StoppedReason: "Essential container in task exited",
  Containers: [{ Name: "app", ExitCode: exitCode }],
});

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
    const seen: Json[] = [];
    const output = await execute({ commands: ["php", "artisan", "batch:x"] }, (input) => {
      seen.push(input);
      return stoppedTask(0);
    });
    assert.deepStrictEqual(output, {
      TaskArn: "arn:aws:ecs:ap-northeast-1:123456789012:task/c/abc",
      ExitCode: 0,
      StoppedReason: "Essential container in task exited",
    });
    const overrides = (seen[0] as Loose).Overrides.ContainerOverrides[0];
    assert.deepStrictEqual(overrides, {
      Name: "app",
      Command: ["php", "artisan", "batch:x"],
      Environment: [],
    });
  });

  it("passes the environment through", async () => {
    let received: Json = null;
    await execute(
      { commands: ["env"], environment: [{ name: "DRY_RUN", value: "1" }] },
      (input) => {
        received = input;
        return stoppedTask(0);
      },
    );
    const overrides = (received as unknown as Loose).Overrides.ContainerOverrides[0];
    assert.deepStrictEqual(overrides.Environment, [{ name: "DRY_RUN", value: "1" }]);
  });

  it("fails with NonZeroExitCode and the exit code when the container fails", async () => {
    const failure = await failureOf({ commands: ["false"] }, () => stoppedTask(3));
    assert.match(failure, /NonZeroExitCode/);
    assert.match(failure, /exited with code 3/);
  });

  const invalidInputs: [string, Json][] = [
    ["no commands", {}],
    ["commands not a list", { commands: "php artisan" }],
    ["empty commands", { commands: [] }],
    ["a number among the commands", { commands: ["sleep", 5] }],
    ["an environment entry without a value", { commands: ["env"], environment: [{ name: "A" }] }],
  ];
  for (const [title, input] of invalidInputs) {
    it(`fails with InvalidInput for ${title}, without running a task`, async () => {
      let ran = false;
      const failure = await failureOf(input, () => {
        ran = true;
        return stoppedTask(0);
      });
      assert.match(failure, /InvalidInput/);
      assert.strictEqual(ran, false);
    });
  }

  it("retries transient ECS errors, then succeeds", async () => {
    let calls = 0;
    await execute({ commands: ["true"] }, () => {
      calls++;
      if (calls < 3) {
        throw new EcsError("ECS.AmazonECSException");
      }
      return stoppedTask(0);
    });
    assert.strictEqual(calls, 3);
  });

  it("gives up after the retries and fails with RunTaskFailed", async () => {
    let calls = 0;
    const failure = await failureOf({ commands: ["true"] }, () => {
      calls++;
      throw new EcsError("ECS.AmazonECSException");
    });
    assert.strictEqual(calls, 4);
    assert.match(failure, /RunTaskFailed/);
  });

  it("does not retry a non-transient error", async () => {
    let calls = 0;
    await failureOf({ commands: ["true"] }, () => {
      calls++;
      throw new EcsError("ECS.AccessDeniedException");
    });
    assert.strictEqual(calls, 1);
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
        [["states:StartExecution"], [run.outputs.stateMachineArn]],
        [
          ["states:DescribeExecution", "states:GetExecutionHistory", "states:StopExecution"],
          [String(run.outputs.stateMachineArn).replace(":stateMachine:", ":execution:") + ":*"],
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
      String(run.outputs.startExecutionCommand),
      /aws stepfunctions start-execution --region ap-northeast-1 --state-machine-arn arn:aws:states:/,
    );
  });
});

function roleArn(run: Awaited<ReturnType<typeof plan>>, name: string): string {
  return `arn:aws:iam::123456789012:role/${resourceNamed(run, name).id.replace(/-id$/, "")}`;
}
