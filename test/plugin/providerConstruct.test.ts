import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import type { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { LibraryInputError, ServiceRequirements } from "../../library";
import { pluginProvider } from "../../offline/packageSchema";
import {
  ConstructedComponent,
  ResourceOutput,
  constructThroughProvider,
} from "../../offline/providerConstruct";
import { RecordedResource } from "../../offline/recordingMonitor";
import {
  LibraryRun,
  TEAM_CONTAINERS,
  existingService,
  failingLibrary,
  runLibrary,
} from "../library/existingServiceFixture";

/**
 * The plugin package as another language's program uses it: each component built through the
 * component provider the CLI hosts, with inputs as they arrive over the wire (plain names and
 * ARNs, or a resource's output values), under mocks that record what it registers.
 */
const OPERATOR = "arn:aws:iam::123456789012:role/oncall";
/** The URN of the team's task role, in the team's own (Python, YAML, …) program. */
const TASK_ROLE_URN = "urn:pulumi:team::team-app::aws:iam/role:Role::app-task";
const TASK_ROLE_ARN = "arn:aws:iam::123456789012:role/team/app-task";

interface ProviderRun extends LibraryRun {
  constructed: ConstructedComponent;
}

let provider: ComponentProvider;

async function construct(
  component: string,
  name: string,
  inputs: Record<string, unknown>,
): Promise<ProviderRun> {
  let constructed: ConstructedComponent | undefined;
  const run = await runLibrary(async () => {
    constructed = await constructThroughProvider(
      provider,
      `fargate-access:index:${component}`,
      name,
      inputs,
    );
    return {};
  });
  assert.ok(constructed, "construct returned");
  return { ...run, constructed };
}

function ofType(run: LibraryRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

function named(run: LibraryRun, name: string): RecordedResource {
  const found = run.resources.filter((resource) => resource.name === name);
  assert.strictEqual(found.length, 1, `one resource named ${name}; got ${found.length}`);
  return found[0];
}

/** The team's service with its task role passed as the role resource's output. */
function serviceWithRoleOutput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...existingService(),
    taskRoleArn: new ResourceOutput(TASK_ROLE_ARN, TASK_ROLE_URN),
    ...overrides,
  };
}

describe("plugin package: components built through the provider, as the CLI does for another language", function () {
  // The provider's construct derives the schema first (the analyzer type-checks the library).
  this.timeout(120_000);
  before(async () => {
    provider = pluginProvider();
    await provider.getSchema();
  });

  it("FargateAccess [ecsExec, stepFunctions]: state machine, operator roles, task-role policy, outputs in state", async () => {
    const run = await construct("FargateAccess", "team", {
      strategies: ["ecsExec", "stepFunctions"],
      ecsExec: { operatorPrincipals: [OPERATOR] },
      stepFunctions: { operatorPrincipals: [OPERATOR] },
      service: serviceWithRoleOutput({ containerDefinitions: TEAM_CONTAINERS }),
    });
    assert.match(run.constructed.urn, /::fargate-access:index:FargateAccess::team$/);
    assert.strictEqual(ofType(run, "aws:sfn/stateMachine:StateMachine").length, 1);
    assert.ok(named(run, "team-ecs-exec-operator-role"));
    assert.ok(named(run, "team-step-functions-operator-role"));
    // The task-role policy goes on the role named by the ARN's last path segment, and depends
    // on the team's role resource (its output value's dependency reached the registration).
    const [taskPolicy] = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter(
      (policy) => policy.inputs.role === "app-task",
    );
    assert.ok(taskPolicy, "a RolePolicy on app-task");
    assert.deepStrictEqual(taskPolicy.propertyDependencies.role, [TASK_ROLE_URN]);

    const state = run.constructed.state;
    const requirements = state.requirements as ServiceRequirements;
    assert.strictEqual(requirements.enableExecuteCommand, true);
    assert.strictEqual(requirements.initProcessEnabled, true);
    assert.strictEqual(requirements.taskRolePolicyAttached, true);
    const [app] = JSON.parse(String(state.containerDefinitions));
    assert.strictEqual(app.linuxParameters.initProcessEnabled, true);
    const outputs = state.accessOutputs as Record<string, string>;
    assert.match(outputs.ecsExecCommand, /--cluster team-cluster --service-name team-service/);
    assert.match(outputs.stepFunctionsStateMachineArn, /^arn:aws:states:/);
    assert.match(outputs.ecsExecOperatorRoleArn, /^arn:aws:iam::/);
    assert.ok(!Object.keys(outputs).some((key) => key.startsWith("sessionManager")));
  });

  it("EcsExecAccess: the task-role policy on the role of the ARN, the command in state", async () => {
    const run = await construct("EcsExecAccess", "exec", {
      operatorPrincipals: [OPERATOR],
      service: existingService(),
    });
    assert.strictEqual(named(run, "exec-task-policy").inputs.role, "app-task");
    assert.ok(named(run, "exec-operator-role"));
    const state = run.constructed.state;
    assert.match(String(state.command), /--cluster team-cluster --service-name team-service/);
    assert.match(String(state.operatorRoleArn), /^arn:aws:iam::/);
    assert.strictEqual((state.requirements as ServiceRequirements).enableExecuteCommand, true);
    // No container definitions passed: none returned.
    assert.strictEqual(state.containerDefinitions, undefined);
  });

  it("SessionManagerAccess: the container definitions returned patched, activation role in state", async () => {
    const run = await construct("SessionManagerAccess", "sm", {
      service: serviceWithRoleOutput({ containerDefinitions: TEAM_CONTAINERS }),
    });
    assert.strictEqual(named(run, "sm-task-policy").inputs.role, "app-task");
    assert.ok(named(run, "sm-cleanup-function"));
    const state = run.constructed.state;
    const [app, sidecar] = JSON.parse(String(state.containerDefinitions));
    assert.deepStrictEqual(app.entryPoint, ["/usr/local/bin/fargate-access-entrypoint"]);
    assert.deepStrictEqual(app.command, ["/usr/local/bin/cron-foreground"]);
    assert.deepStrictEqual(sidecar, JSON.parse(TEAM_CONTAINERS)[1]);
    assert.match(String(state.activationRoleArn), /^arn:aws:iam::/);
    assert.match(String(state.startCommand), /aws ssm start-session/);
  });

  it("StepFunctionsAccess: the state machine on the team's family and cluster, its ARN in state", async () => {
    const run = await construct("StepFunctionsAccess", "sfn", { service: existingService() });
    const [machine] = ofType(run, "aws:sfn/stateMachine:StateMachine");
    const definition = String(machine.inputs.definition);
    assert.ok(definition.includes('"TaskDefinition":"team-task"'), definition);
    assert.ok(definition.includes("cluster/team-cluster"), definition);
    const state = run.constructed.state;
    assert.match(String(state.stateMachineArn), /^arn:aws:states:/);
    assert.match(String(state.startCommand), /aws stepfunctions start-execution/);
    assert.strictEqual((state.requirements as ServiceRequirements).taskRolePolicyAttached, false);
  });

  it("examples/existing-service-yaml's FargateAccess, its config filled in, builds through the provider", async () => {
    const example = parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, "examples", "existing-service-yaml", "Pulumi.yaml"),
        "utf8",
      ),
    ) as { resources: { access: { properties: Record<string, unknown> } } };
    // The values `pulumi config set` would give, substituted for `${key}` as Pulumi YAML does.
    const config: Record<string, unknown> = {
      ...existingService(),
      privateSubnetIds: existingService().subnetIds,
      operatorRoleArn: OPERATOR,
    };
    const fill = (value: unknown): unknown => {
      if (typeof value === "string") {
        const key = /^\$\{(\w+)\}$/.exec(value)?.[1];
        if (key === undefined) return value;
        assert.ok(key in config, `the test fills in config key ${key}`);
        return config[key];
      }
      if (Array.isArray(value)) return value.map(fill);
      if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
      }
      return value;
    };
    const inputs = fill(example.resources.access.properties) as Record<string, unknown>;
    const run = await construct("FargateAccess", "access", inputs);
    assert.strictEqual(ofType(run, "aws:sfn/stateMachine:StateMachine").length, 1);
    const taskPolicies = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter(
      (policy) => policy.inputs.role === "app-task",
    );
    assert.strictEqual(taskPolicies.length, 1, "ECS Exec's policy on the team's task role");
    const outputs = run.constructed.state.accessOutputs as Record<string, string>;
    assert.match(outputs.ecsExecCommand, /--cluster team-cluster/);
    assert.match(outputs.stepFunctionsOperatorRoleArn, /^arn:aws:iam::/);
  });

  const missing: [string, Record<string, unknown>, RegExp][] = [
    [
      "FargateAccess",
      {
        strategies: ["ecsExec", "stepFunctions"],
        service: { ...existingService(), taskDefinitionFamily: undefined },
      },
      /FargateAccessArgs\.service: taskDefinitionFamily is missing/,
    ],
    [
      "EcsExecAccess",
      { service: { ...existingService(), serviceName: undefined } },
      /EcsExecAccessArgs\.service: serviceName is missing/,
    ],
    [
      "SessionManagerAccess",
      { service: { ...existingService(), containerName: undefined } },
      /SessionManagerAccessArgs\.service: containerName is missing/,
    ],
    [
      "StepFunctionsAccess",
      { service: { ...existingService(), securityGroupId: undefined } },
      /StepFunctionsAccessArgs\.service: securityGroupId is missing/,
    ],
  ];
  for (const [component, inputs, message] of missing) {
    it(`${component}: a missing key fails with LibraryInputError naming it, before anything is registered`, async () => {
      const { error, registered } = await failingLibrary(async () => {
        await constructThroughProvider(provider, `fargate-access:index:${component}`, "x", inputs);
        return {};
      });
      assert.ok(error instanceof LibraryInputError, String(error));
      assert.match(error.message, message);
      assert.strictEqual(registered, 0);
    });
  }
});
