import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import {
  auditLogDestinations,
  retentionOf,
  selfCreatedLogGroups,
} from "../../../policies/model/logGroups";
import { Undecided } from "../../../policies/lib/unknowns";

const resource = (type: string, name: string, props: Record<string, unknown>) =>
  ({ type, name, urn: `urn:${name}`, props }) as PolicyResource;
const group = (retentionInDays: unknown) =>
  resource("aws:cloudwatch/logGroup:LogGroup", "g", { name: "/g", retentionInDays });

describe("policies/model/logGroups", () => {
  it("reads retention as CloudWatch keeps it: days, strings of days, 0 or unset = never", () => {
    assert.deepStrictEqual(
      [30, "30", " 7 ", 0, "0", undefined, "", "abc"].map((days) => retentionOf(group(days))),
      [30, 30, 7, "never", "never", "never", "never", "never"],
    );
  });
  it("names the log group of a state machine destination ARN, with or without :*", () => {
    const found = auditLogDestinations(
      ["arn:aws:logs:us-east-1:1:log-group:/a:*", "arn:aws-cn:logs:cn-north-1:1:log-group:/b"].map(
        (logDestination, index) =>
          resource("aws:sfn/stateMachine:StateMachine", `m${index}`, {
            loggingConfiguration: { logDestination },
          }),
      ),
      new Undecided(),
    );
    assert.deepStrictEqual(
      found.map(({ name }) => name),
      ["/a", "/b"],
    );
  });
  it("an ECS Exec group counts only with logging OVERRIDE", () => {
    const cluster = (logging: string) =>
      resource("aws:ecs/cluster:Cluster", logging, {
        configuration: {
          executeCommandConfiguration: {
            logging,
            logConfiguration: { cloudWatchLogGroupName: "/x" },
          },
        },
      });
    const found = auditLogDestinations([cluster("DEFAULT"), cluster("OVERRIDE")], new Undecided());
    assert.deepStrictEqual(
      found.map(({ writer }) => writer.name),
      ["OVERRIDE"],
    );
  });
  it("an awslogs group is self-created only when awslogs-create-group is true", () => {
    const task = (create: unknown) =>
      resource("aws:ecs/taskDefinition:TaskDefinition", String(create), {
        containerDefinitions: [
          {
            name: "c",
            logConfiguration: {
              logDriver: "awslogs",
              options: { "awslogs-group": "/c", "awslogs-create-group": create },
            },
          },
        ],
      });
    const found = selfCreatedLogGroups(
      [task("false"), task(undefined), task("TRUE")],
      new Undecided(),
    );
    assert.deepStrictEqual(
      found.map(({ writer }) => writer.name),
      ["TRUE"],
    );
  });
});
