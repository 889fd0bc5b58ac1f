import * as assert from "assert";
import { buildStack } from "../../program";
import { runOffline } from "../../offline/runOffline";
import { listStacks, readStackConfigFile } from "../../offline/stackFiles";
import { RUN_TASK_STATE, buildRunTaskDefinition } from "../../strategies/stepFunctions/definition";
import { runTaskParameterProblems } from "../fakes/ecsRunTaskContract";
import { fakeRunTaskSync } from "../fakes/ecsRunTaskSync";
import { startLocalExecution } from "../fakes/localStateMachine";

/** The Task state Parameters the Step Functions guide shows for ecs:runTask.sync ("Run Amazon ECS or Fargate tasks with Step Functions"). */
const DOCUMENTED = {
  Cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/c",
  TaskDefinition: "job-id",
  LaunchType: "FARGATE",
  NetworkConfiguration: {
    AwsvpcConfiguration: {
      Subnets: ["subnet-1"],
      SecurityGroups: ["sg-1"],
      AssignPublicIp: "DISABLED",
    },
  },
  Overrides: {
    ContainerOverrides: [
      { Name: "app", Command: ["php", "artisan"], Environment: [{ Name: "FOO", Value: "bar" }] },
    ],
  },
};

const withOverride = (override: Record<string, unknown>) => ({
  ...DOCUMENTED,
  Overrides: {
    ContainerOverrides: [{ ...DOCUMENTED.Overrides.ContainerOverrides[0], ...override }],
  },
});

describe("ECS RunTask contract of the Step Functions integration (from the SDK's RunTaskRequest schema)", () => {
  it("accepts the documented PascalCase request", () => {
    assert.deepStrictEqual(runTaskParameterProblems(DOCUMENTED), []);
  });

  const wrong: [string, unknown, RegExp][] = [
    [
      "camelCase environment entries (what the definition sent before issue 21)",
      withOverride({ Environment: [{ Name: "FOO", value: "bar" }] }),
      /Overrides\.ContainerOverrides\[0\]\.Environment\[0\]\.value: unknown field \(the KeyValuePair members are Name, Value\)/,
    ],
    ["a camelCase top-level field", { ...DOCUMENTED, cluster: "c" }, /^cluster: unknown field/],
    [
      "a command given as one string",
      withOverride({ Command: "php artisan" }),
      /Command: expected a list/,
    ],
    [
      "a number as a value",
      withOverride({ Environment: [{ Name: "N", Value: 1 }] }),
      /Value: expected a string/,
    ],
    [
      "a launch type ECS does not know",
      { ...DOCUMENTED, LaunchType: "fargate" },
      /LaunchType: "fargate" is not one of/,
    ],
    [
      "no task definition (the one required member)",
      { Cluster: "c" },
      /Parameters: missing required TaskDefinition/,
    ],
    [
      "a capacity provider strategy item without its provider",
      { ...DOCUMENTED, CapacityProviderStrategy: [{ Weight: 1 }] },
      /CapacityProviderStrategy\[0\]: missing required CapacityProvider/,
    ],
  ];
  for (const [title, parameters, message] of wrong) {
    it(`refuses ${title}`, () => {
      const problems = runTaskParameterProblems(parameters);
      assert.strictEqual(problems.length, 1, problems.join("\n"));
      assert.match(problems[0], message);
    });
  }

  it("fails the execution with States.Runtime, which the definition's Catch (States.ALL) cannot catch", async () => {
    const definition = buildRunTaskDefinition({
      clusterArn: "c",
      taskDefinitionFamily: "f",
      containerName: "app",
      subnetIds: ["subnet-1"],
      securityGroupIds: ["sg-1"],
      capacityProvider: "FARGATE",
      timeoutSeconds: 60,
    });
    const state = definition.States[RUN_TASK_STATE] as { Parameters: Record<string, unknown> };
    state.Parameters = { ...state.Parameters, Group: 5 };
    const run = startLocalExecution(
      definition,
      { commands: ["true"] },
      fakeRunTaskSync([{ exitCode: 0 }]),
    );
    const outcome = await run.outcome;
    assert.strictEqual(outcome.status, "FAILED");
    assert.ok(outcome.status === "FAILED");
    assert.strictEqual(outcome.error, "States.Runtime");
    assert.match(outcome.cause, /Group: expected a string/);
    assert.ok(!run.entered.includes("RunTaskFailed"), run.entered.join(", "));
  });
});

describe("every Step Functions task of every example stack, run in the local interpreter", () => {
  for (const stack of listStacks()) {
    it(`${stack}: each ECS task receives a valid RunTask request with the operator's command and environment`, async () => {
      const run = await runOffline(buildStack, { stack, config: readStackConfigFile(stack) });
      const machines = run.resources.filter((r) => r.type === "aws:sfn/stateMachine:StateMachine");
      assert.ok(machines.length > 0, `stack ${stack} defines no state machine`);
      for (const machine of machines) {
        const definition = JSON.parse(String(machine.inputs.definition)) as object;
        const execution = startLocalExecution(
          definition,
          {
            commands: ["php", "artisan", "batch:x"],
            environment: [{ name: "MODE", value: "full" }],
          },
          fakeRunTaskSync([{ exitCode: 0 }]),
        );
        const outcome = await execution.outcome;
        assert.strictEqual(outcome.status, "SUCCEEDED", JSON.stringify(outcome));
        assert.strictEqual(execution.runTaskCalls.length, 1);
        const [parameters] = execution.runTaskCalls as {
          Overrides: { ContainerOverrides: Record<string, unknown>[] };
        }[];
        assert.deepStrictEqual(runTaskParameterProblems(parameters), []);
        const [override] = parameters.Overrides.ContainerOverrides;
        assert.deepStrictEqual(override.Command, ["php", "artisan", "batch:x"]);
        const environment = override.Environment as { Name: string; Value: string }[];
        assert.deepStrictEqual(environment[0], { Name: "MODE", Value: "full" });
        if (stack === "prod") {
          // sessionManager is selected too: its one-off switch is appended, PascalCase.
          assert.deepStrictEqual(environment, [
            { Name: "MODE", Value: "full" },
            { Name: "FA_ONE_OFF", Value: "1" },
          ]);
        }
      }
    });
  }
});
