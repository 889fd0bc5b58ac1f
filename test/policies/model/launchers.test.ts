import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "../../../policies/lib/resourceTypes";
import { asksPublicIp, launchers, launchersOf } from "../../../policies/model/launchers";

const resource = (type: string, props: Record<string, unknown>, name = "r") =>
  ({ type, name, urn: `urn:${name}`, props }) as PolicyResource;
const machine = (states: Record<string, unknown>) =>
  resource(TYPES.stateMachine, { definition: JSON.stringify({ StartAt: "a", States: states }) });
const task = (resourceArn: string, parameters: unknown) => ({
  Type: "Task",
  Resource: `arn:aws:states:::${resourceArn}`,
  Parameters: parameters,
  End: true,
});
const vpc = (assignPublicIp: string, subnets = ["subnet-1"]) => ({
  NetworkConfiguration: {
    AwsvpcConfiguration: { AssignPublicIp: assignPublicIp, Subnets: subnets },
  },
});

describe("policies/model/launchers", () => {
  it("one launcher per ECS task state and per launcher-creating SDK state, with its integration", () => {
    const found = launchersOf(
      machine({
        a: task("ecs:runTask.sync", vpc("DISABLED")),
        b: task("aws-sdk:scheduler:updateSchedule", { Target: { EcsParameters: vpc("ENABLED") } }),
        c: task("aws-sdk:sqs:sendMessage", vpc("ENABLED")),
      }),
    );
    assert.deepStrictEqual(
      found.map(({ kind, where, integration }) => [kind, where, integration]),
      [
        ["state", "a", "ecs:runTask.sync"],
        ["state", "b", "aws-sdk:scheduler:updateSchedule"],
      ],
    );
    assert.deepStrictEqual(
      found.map((launcher) => launcher.networks.map(asksPublicIp)),
      [[false], [true]],
    );
  });

  it("a run-task state's literal role overrides; an input-chosen one is no literal", () => {
    const [literal, fromInput] = launchersOf(
      machine({
        a: task("ecs:runTask", {
          Overrides: { TaskRoleArn: "task-role", ExecutionRoleArn: "exec-role" },
        }),
        b: task("ecs:runTask", { Overrides: { "TaskRoleArn.$": "$.role" } }),
      }),
    );
    assert.deepStrictEqual(literal.roleOverrides, {
      taskRoleArn: "task-role",
      executionRoleArn: "exec-role",
      where: "state a Overrides",
    });
    assert.strictEqual(fromInput.roleOverrides?.taskRoleArn, undefined);
  });

  it("a PutTargets request has one network per target, in order", () => {
    const [launcher] = launchersOf(
      machine({
        a: task("aws-sdk:eventbridge:putTargets", {
          Targets: [
            { EcsParameters: vpc("DISABLED", ["subnet-a"]) },
            { Arn: "not ecs" },
            { EcsParameters: vpc("ENABLED", ["subnet-b"]) },
          ],
        }),
      }),
    );
    assert.deepStrictEqual(
      launcher.networks.map((network) => [network.assignPublicIp, network.subnets]),
      [
        ["DISABLED", ["subnet-a"]],
        [undefined, []],
        ["ENABLED", ["subnet-b"]],
      ],
    );
  });

  it("an Automation step's runbook parameters are decided by its caller, not literals", () => {
    const content = JSON.stringify({
      schemaVersion: "0.3",
      mainSteps: [
        {
          name: "start",
          action: "aws:executeAwsApi",
          inputs: {
            Service: "ECS",
            Api: "StartTask",
            ...vpc("{{ PublicIp }}", ["{{ Subnet }}", "subnet-x"]),
          },
        },
      ],
    });
    const [launcher] = launchersOf(
      resource("aws:ssm/document:Document", { documentType: "Automation", content }),
    );
    assert.strictEqual(launcher.kind, "automationStep");
    assert.strictEqual(launcher.integration, "ecs StartTask");
    const [network] = launcher.networks;
    assert.strictEqual(network.assignPublicIp, undefined);
    assert.deepStrictEqual(network.subnets, ["subnet-x"]);
    assert.strictEqual(network.fromInput.length, 2);
  });

  it("a YAML runbook is not read (the pack has no YAML parser)", () => {
    const content =
      "schemaVersion: '0.3'\nmainSteps:\n  - name: run\n    action: aws:executeAwsApi\n";
    assert.deepStrictEqual(
      launchersOf(
        resource("aws:ssm/document:Document", {
          documentType: "Automation",
          documentFormat: "YAML",
          content,
        }),
      ),
      [],
    );
  });

  it("launcher resources keep their provider paths for messages", () => {
    const found = launchers([
      resource(TYPES.service, { networkConfiguration: { subnets: ["s"], assignPublicIp: true } }),
      resource(TYPES.role, {}),
    ]);
    assert.deepStrictEqual(
      found.map((launcher) =>
        launcher.networks.map((n) => [n.publicIpWhere, n.subnetsWhere, asksPublicIp(n)]),
      ),
      [[["networkConfiguration.assignPublicIp", "networkConfiguration.subnets", true]]],
    );
  });
});
