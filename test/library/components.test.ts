import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
  EcsExecAccess,
  FargateAccess,
  LibraryInputError,
  ServiceRequirements,
  SessionManagerAccess,
  StepFunctionsAccess,
} from "../../library";
import { selectableStrategySubsets } from "../components/urnStability.test";
import { RecordedResource } from "../../offline/recordingMonitor";
import { STRATEGY_NAMES } from "../../strategies/strategyName";
import {
  LibraryRun,
  REGION,
  TEAM_CONTAINERS,
  existingService,
  failingLibrary,
  runLibrary,
} from "./existingServiceFixture";

const OPERATOR = "arn:aws:iam::123456789012:role/oncall";

function named(run: LibraryRun, name: string): RecordedResource {
  const found = run.resources.filter((resource) => resource.name === name);
  assert.strictEqual(found.length, 1, `one resource named ${name}; got ${found.length}`);
  return found[0];
}

function ofType(run: LibraryRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

function policyOf(resource: RecordedResource): { Statement: { Action: string | string[] }[] } {
  return JSON.parse(String(resource.inputs.policy));
}

describe("library: the strategies attach to a service built elsewhere", () => {
  it("EcsExecAccess: operator role, the task-role policy on the passed role, and what the service must change", async () => {
    const run = await runLibrary(() => {
      const exec = new EcsExecAccess("exec", {
        operatorPrincipals: [OPERATOR],
        service: existingService(),
      });
      return { requirements: exec.requirements, command: exec.command, role: exec.operatorRoleArn };
    });
    // No VPC, cluster, service or task definition of its own.
    for (const type of ["aws:ecs/cluster:Cluster", "aws:ecs/service:Service", "awsx:ec2:Vpc"]) {
      assert.deepStrictEqual(ofType(run, type), [], type);
    }
    // iam:PutRolePolicy takes the role's name, the ARN's last path segment.
    assert.strictEqual(named(run, "exec-task-policy").inputs.role, "app-task");
    const actions = policyOf(named(run, "exec-task-policy")).Statement.flatMap((s) => s.Action);
    assert.ok(actions.includes("ssmmessages:OpenDataChannel"), String(actions));
    assert.ok(named(run, "exec-operator-role"));
    const requirements = run.outputs.requirements as ServiceRequirements;
    assert.strictEqual(requirements.enableExecuteCommand, true);
    assert.strictEqual(requirements.initProcessEnabled, true);
    assert.strictEqual(requirements.taskRolePolicyAttached, true);
    assert.strictEqual(requirements.executeCommandConfiguration?.logging, "OVERRIDE");
    assert.strictEqual(requirements.executeCommandConfiguration?.cloudWatchEncryptionEnabled, true);
    assert.deepStrictEqual(requirements.vpcEndpointServices, ["kms", "ssmmessages"]);
    assert.match(String(run.outputs.command), /--cluster team-cluster --service-name team-service/);
    assert.match(String(run.outputs.role), /^arn:aws:iam::/);
  });

  it("EcsExecAccess with attachTaskRolePolicy false only returns the policy", async () => {
    const run = await runLibrary(() => {
      const exec = new EcsExecAccess("exec", {
        kmsKey: "none",
        logging: "none",
        service: existingService({ attachTaskRolePolicy: false }),
      });
      return { requirements: exec.requirements };
    });
    assert.deepStrictEqual(ofType(run, "aws:iam/rolePolicy:RolePolicy"), []);
    const requirements = run.outputs.requirements as ServiceRequirements;
    assert.strictEqual(requirements.taskRolePolicyAttached, false);
    const document = JSON.parse(String(requirements.taskRolePolicy));
    assert.ok(document.Statement.length > 0);
    assert.deepStrictEqual(requirements.vpcEndpointServices, ["ssmmessages"]);
  });

  it("SessionManagerAccess: returns the team's container definitions patched, other settings kept", async () => {
    const run = await runLibrary(() => {
      const sm = new SessionManagerAccess("sm", {
        service: existingService({ containerDefinitions: TEAM_CONTAINERS }),
      });
      return { requirements: sm.requirements, containers: sm.containerDefinitions };
    });
    const [app, sidecar] = JSON.parse(String(run.outputs.containers));
    assert.deepStrictEqual(app.entryPoint, ["/usr/local/bin/fargate-access-entrypoint"]);
    assert.deepStrictEqual(app.command, ["/usr/local/bin/cron-foreground"]);
    assert.deepStrictEqual(app.linuxParameters, {
      capabilities: { drop: ["ALL"] },
      initProcessEnabled: true,
    });
    const names = app.environment.map((variable: { name: string }) => variable.name);
    assert.strictEqual(names[0], "APP_ENV");
    assert.ok(names.includes("FA_ACTIVATION_ROLE") && names.includes("FA_STACK_TAG"), names);
    assert.deepStrictEqual(sidecar, JSON.parse(TEAM_CONTAINERS)[1]);
    const requirements = run.outputs.requirements as ServiceRequirements;
    assert.strictEqual(requirements.enableExecuteCommand, false);
    assert.deepStrictEqual(requirements.oneOffEnvironment, { FA_ONE_OFF: "1" });
    assert.ok(named(run, "sm-cleanup-function"));
    assert.strictEqual(named(run, "sm-task-policy").inputs.role, "app-task");
  });

  it("StepFunctionsAccess: the state machine runs the team's family on their cluster, ARN built from its name", async () => {
    const run = await runLibrary(() => {
      const sfn = new StepFunctionsAccess("sfn", { service: existingService() });
      return { requirements: sfn.requirements, arn: sfn.stateMachineArn };
    });
    const definition = JSON.parse(String(named(run, "sfn-state-machine").inputs.definition));
    const text = JSON.stringify(definition);
    assert.ok(text.includes(`arn:aws:ecs:${REGION}:123456789012:cluster/team-cluster`), text);
    assert.ok(text.includes('"TaskDefinition":"team-task"'), text);
    assert.ok(text.includes("subnet-0a1b2c3d4e5f60001"), text);
    // Step Functions changes nothing in the team's task role.
    assert.deepStrictEqual(
      ofType(run, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === "app-task"),
      [],
    );
    const requirements = run.outputs.requirements as ServiceRequirements;
    assert.strictEqual(requirements.taskRolePolicy, undefined);
    assert.strictEqual(requirements.enableExecuteCommand, false);
  });

  it("two services in one stack: each component's physical names are its own", async () => {
    const run = await runLibrary(() => {
      for (const service of ["billing", "reports"]) {
        new FargateAccess(`${service}-access`, {
          strategies: ["ecsExec", "stepFunctions"],
          service: existingService({ serviceName: service }),
        });
        new SessionManagerAccess(`${service}-sm`, { service: existingService() });
      }
      return {};
    });
    const names = (type: string, input: string) =>
      ofType(run, type).map((resource) => String(resource.inputs[input]));
    const stateMachines = names("aws:sfn/stateMachine:StateMachine", "name");
    const logGroups = names("aws:cloudwatch/logGroup:LogGroup", "name");
    const functions = names("aws:lambda/function:Function", "name");
    const documents = names("aws:ssm/document:Document", "name");
    for (const [what, list] of Object.entries({ stateMachines, logGroups, functions, documents })) {
      assert.ok(list.length >= 2, `${what}: ${list}`);
      assert.strictEqual(new Set(list).size, list.length, `${what} collide: ${list}`);
    }
  });

  for (const strategies of selectableStrategySubsets()) {
    it(`FargateAccess [${strategies}] builds exactly those strategies`, async () => {
      const run = await runLibrary(() => {
        const access = new FargateAccess("access", {
          strategies,
          ecsExec: { operatorPrincipals: [OPERATOR] },
          stepFunctions: { operatorPrincipals: [OPERATOR] },
          sessionManager: { operatorPrincipals: [OPERATOR] },
          service: existingService(),
        });
        return { outputs: access.accessOutputs, requirements: access.requirements };
      });
      const types: Record<string, string> = {
        ecsExec: "fargate-access:index:EcsExecAccess",
        sessionManager: "fargate-access:index:SessionManagerAccess",
        stepFunctions: "fargate-access:index:StepFunctionsAccess",
      };
      for (const name of STRATEGY_NAMES) {
        assert.strictEqual(
          ofType(run, types[name]).length,
          strategies.includes(name) ? 1 : 0,
          name,
        );
      }
      const outputs = Object.keys(run.outputs.outputs as object);
      for (const name of STRATEGY_NAMES) {
        const present = outputs.some((output) => output.startsWith(name));
        assert.strictEqual(present, strategies.includes(name), `${name} outputs: ${outputs}`);
      }
      const requirements = run.outputs.requirements as ServiceRequirements;
      assert.strictEqual(requirements.enableExecuteCommand, strategies.includes("ecsExec"));
    });
  }
});

describe("library: what the team did not pass is named before anything is built", () => {
  it("StepFunctionsAccess lists every missing key at once", async () => {
    const { error, registered } = await failingLibrary(() => {
      new StepFunctionsAccess("sfn", {
        service: { clusterName: "team-cluster", containerName: "app" },
      });
      return {};
    });
    assert.ok(error instanceof LibraryInputError, String(error));
    assert.strictEqual(registered, 0);
    assert.match(
      error.message,
      /StepFunctionsAccessArgs\.service: taskDefinitionFamily, taskRoleArn, executionRoleArn, containerLogGroupName, subnetIds, securityGroupId are missing/,
    );
    assert.ok(!/\n\s+at /.test(error.message), "no stack trace in the message");
  });

  it("an empty list of subnets is missing, as RunTask needs one", async () => {
    const { error, registered } = await failingLibrary(() => {
      new FargateAccess("access", {
        strategies: ["ecsExec", "stepFunctions"],
        service: existingService({ subnetIds: [] }),
      });
      return {};
    });
    assert.strictEqual(registered, 0);
    assert.match(
      error.message,
      /\(1 problem\):\n {2}- FargateAccessArgs\.service: subnetIds is missing \(FargateAccess with ecsExec and stepFunctions needs/,
    );
  });

  it("a key the service does not have, and plain values of the wrong type, are named", async () => {
    const { error, registered } = await failingLibrary(() => {
      new FargateAccess("access", {
        strategies: ["stepFunctions"],
        // As a stack file read with requireObject may give them: one id, a number, a typo.
        service: {
          ...existingService(),
          subnetIds: "subnet-0a1b2c3d4e5f60001",
          securityGroupId: 7,
          taskRoleARN: "arn:aws:iam::123456789012:role/x",
        } as never,
      });
      return {};
    });
    assert.strictEqual(registered, 0);
    assert.match(
      error.message,
      /FargateAccessArgs\.service\.taskRoleARN: unknown key\. Did you mean taskRoleArn\?/,
    );
    assert.match(
      error.message,
      /FargateAccessArgs\.service\.subnetIds: must be a list of ids, e\.g\. \["subnet-0abc1234"\]; got "subnet-0a1b2c3d4e5f60001"\./,
    );
    assert.match(
      error.message,
      /FargateAccessArgs\.service\.securityGroupId: must be a string \(a name or ARN\) or an Output of one; got 7\./,
    );
    assert.match(error.message, /\(3 problems\)/);
  });

  it("Outputs and undefined keys are taken as given", async () => {
    const run = await runLibrary(() => {
      const access = new FargateAccess("access", {
        strategies: ["stepFunctions"],
        service: {
          ...existingService({ clusterArn: undefined }),
          subnetIds: pulumi.output(["subnet-0a1b2c3d4e5f60001"]),
          securityGroupId: Promise.resolve("sg-0a1b2c3d4e5f60003"),
        },
      });
      return { outputs: access.accessOutputs };
    });
    assert.ok(ofType(run, "aws:sfn/stateMachine:StateMachine").length === 1);
  });

  it("EcsExecAccess with logging: default needs the container's log group", async () => {
    const service = existingService({ containerLogGroupName: undefined });
    const { error } = await failingLibrary(() => {
      new EcsExecAccess("exec", { logging: "default", service });
      return {};
    });
    assert.match(
      error.message,
      /containerLogGroupName is missing \(ECS Exec with logging: default needs/,
    );
  });

  it("bad settings are refused with the key, the value and what is allowed", async () => {
    const { error, registered } = await failingLibrary(() => {
      new EcsExecAccess("exec", {
        logging: "verbose",
        kmsKy: "none",
        logRetentionDays: 2,
      } as never);
      return {};
    });
    assert.strictEqual(registered, 0);
    assert.match(error.message, /EcsExecAccessArgs\.logging: "verbose" is not allowed/);
    assert.match(
      error.message,
      /EcsExecAccessArgs\.kmsKy: unknown key\. Did you mean kmsKey\? Allowed keys: logging, kmsKey, .*, logRetentionDays, productionLike, service\./,
    );
    assert.match(
      error.message,
      /EcsExecAccessArgs\.logRetentionDays: 2 is not allowed; use one of 1, 3, 5/,
    );
  });

  it("FargateAccess names the strategy's section, refuses conflicts, and builds nothing", async () => {
    const { error, registered } = await failingLibrary(() => {
      new FargateAccess("access", {
        strategies: ["ecsExec", "sessionManager"],
        ecsExec: { logging: "verbose" },
        service: existingService({ capacityProvider: "EC2" }),
      });
      return {};
    });
    assert.strictEqual(registered, 0);
    assert.match(error.message, /FargateAccessArgs\.ecsExec\.logging: "verbose" is not allowed/);
    assert.match(
      error.message,
      /FargateAccessArgs\.strategies: ecsExec and sessionManager cannot be selected together/,
    );
    assert.match(
      error.message,
      /FargateAccessArgs\.service\.capacityProvider: "EC2" is not allowed; use one of FARGATE, FARGATE_SPOT/,
    );
  });

  it("container definitions without the named container are refused, naming those it has", async () => {
    const { error, registered } = await failingLibrary(() => {
      new SessionManagerAccess("sm", {
        service: existingService({ containerName: "web", containerDefinitions: TEAM_CONTAINERS }),
      });
      return {};
    });
    assert.strictEqual(registered, 0);
    assert.match(
      error.message,
      /service\.containerDefinitions: has no container named "web" \(service\.containerName\); its containers: "app", "sidecar"/,
    );
  });
});
