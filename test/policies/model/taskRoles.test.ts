import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "../../../policies/lib/resourceTypes";
import { UNKNOWN } from "../../../policies/lib/unknowns";
import { taskRoleOf, taskRoleUsesOf, taskRoles } from "../../../policies/model/taskRoles";

const resource = (type: string, props: Record<string, unknown>, name = "r") =>
  ({ type, name, urn: `urn:${name}`, props, propertyDependencies: {} }) as PolicyResource;
const role = (name: string) =>
  resource(TYPES.role, { name, arn: `arn:aws:iam::123456789012:role/${name}` }, name);
const wheres = (subject: PolicyResource) => taskRoleUsesOf(subject).uses.map((use) => use.where);

describe("policies/model/taskRoles", () => {
  it("names where each kind of resource chooses its containers' role", () => {
    const definition = JSON.stringify({
      StartAt: "a",
      States: {
        a: {
          Type: "Parallel",
          End: true,
          Branches: [
            {
              StartAt: "run",
              States: {
                run: {
                  Type: "Task",
                  Resource: "arn:aws:states:::ecs:runTask.waitForTaskToken",
                  Parameters: { Overrides: { TaskRoleArn: "x" } },
                  End: true,
                },
              },
            },
          ],
        },
      },
    });
    assert.deepStrictEqual(wheres(resource(TYPES.stateMachine, { definition })), [
      "state a/branch0/run Overrides.TaskRoleArn",
    ]);
    assert.deepStrictEqual(
      wheres(
        resource(TYPES.batchJobDefinition, {
          containerProperties: JSON.stringify({ jobRoleArn: "a" }),
          ecsProperties: JSON.stringify({ taskProperties: [{}, { TASKROLEARN: "b" }] }),
        }),
      ),
      ["containerProperties.jobRoleArn", "ecsProperties.taskProperties[1].taskRoleArn"],
    );
    assert.deepStrictEqual(
      wheres(
        resource("aws-native:batch:JobDefinition", { containerProperties: { jobRoleArn: "a" } }),
      ),
      ["containerProperties.jobRoleArn"],
    );
  });

  it("reads no role from a state that is not an ECS task state, nor from a JSONata expression", () => {
    const definition = JSON.stringify({
      QueryLanguage: "JSONata",
      StartAt: "a",
      States: {
        a: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { Overrides: { TaskRoleArn: "x" } },
          Next: "b",
        },
        b: {
          Type: "Task",
          Resource: "arn:aws:states:::ecs:runTask",
          Arguments: { Overrides: { TaskRoleArn: "{% $states.input.role %}" } },
          End: true,
        },
      },
    });
    assert.deepStrictEqual(wheres(resource(TYPES.stateMachine, { definition })), []);
  });

  it("resolves references by name or ARN and keeps each role once", () => {
    const stack = [
      role("a"),
      role("b"),
      resource(TYPES.taskDefinition, { taskRoleArn: "arn:aws:iam::123456789012:role/a" }),
      resource(TYPES.eventTarget, {
        ecsTarget: { taskDefinitionArn: "td" },
        input: JSON.stringify({ taskRoleArn: "a" }),
      }),
      resource(TYPES.pipe, {
        targetParameters: { ecsTaskParameters: { overrides: { taskRoleArn: "b" } } },
      }),
    ];
    assert.deepStrictEqual(
      taskRoles(stack).roles.map((found) => found.name),
      ["a", "b"],
    );
  });

  it("links a task definition's unknown taskRoleArn through the engine's dependency", () => {
    const linked = role("a");
    const definition = {
      ...resource(TYPES.taskDefinition, { taskRoleArn: UNKNOWN }),
      propertyDependencies: { taskRoleArn: [linked] },
    } as unknown as PolicyResource;
    assert.deepStrictEqual(taskRoleOf([linked, definition], definition), {
      roles: [linked],
      pending: [],
    });
  });

  it("names an unknown job definition property as pending (the role may be in it)", () => {
    const job = resource(TYPES.batchJobDefinition, { containerProperties: UNKNOWN });
    const { roles, pending } = taskRoleOf([job], job);
    assert.deepStrictEqual(roles, []);
    assert.deepStrictEqual(
      pending.map((item) => item.key),
      ["containerProperties"],
    );
  });
});
