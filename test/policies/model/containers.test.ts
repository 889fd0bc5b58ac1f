import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "../../../policies/lib/resourceTypes";
import { UNKNOWN } from "../../../policies/lib/unknowns";
import { Container, containersOf, runnableTasks } from "../../../policies/model/containers";
import { field, foldName, parseJson } from "../../../policies/model/goJson";
import { plainValuesOf } from "../../../policies/model/plainValues";
import { runTaskMachine } from "../fixtures/containerShapes";

// The server's own proxy: reading a preview's unknown value throws UnknownValueError.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
};

const resource = (type: string, props: Record<string, unknown>, name = "r"): PolicyResource =>
  ({
    type,
    name,
    urn: `urn:pulumi:test::fargate-access::${type}::${name}`,
    props: unknownCheckingProxy(structuredClone(props)),
  }) as unknown as PolicyResource;

/** The container's fields without the back link to its task (for deepStrictEqual). */
const fields = ({ task, ...rest }: Container) => (void task, rest);

const EMPTY = {
  image: undefined,
  privileged: undefined,
  readonlyRootFilesystem: undefined,
  initProcessEnabled: undefined,
  capabilitiesAdded: [],
  user: undefined,
  environment: [],
  secrets: [],
  command: [],
  entryPoint: [],
  dockerLabels: [],
  mountPoints: [],
  logDriver: undefined,
  logOptions: [],
  notKnown: [],
};

describe("container model: Go's encoding/json as the provider decodes containerDefinitions", () => {
  it("keeps repeated keys in the order written, where JSON.parse keeps the first position", () => {
    const parsed = parseJson('{"privileged":false,"Privileged":true,"privileged":false}');
    assert.strictEqual(field(parsed, "privileged"), false);
    assert.strictEqual(
      field(parseJson('{"privileged":false,"PRIVILEGED":true}'), "Privileged"),
      true,
    );
  });

  it("folds the Kelvin sign and the long s as Go's Unicode folding does", () => {
    assert.strictEqual(foldName("\u212Aey"), "key");
    assert.strictEqual(foldName("capabilitie\u017F"), "capabilities");
  });

  it("rejects text that is not JSON", () => {
    assert.strictEqual(parseJson("[oops"), undefined);
  });
});

describe("container model: each source shape → the normalised container", () => {
  it("reads an aws task definition (JSON text) with every field", () => {
    const definition = {
      name: "app",
      image: "repo@sha256:abc",
      privileged: "true",
      readonlyRootFilesystem: true,
      user: "1000",
      linuxParameters: { initProcessEnabled: true, capabilities: { add: ["SYS_PTRACE"] } },
      environment: [{ name: "MODE", value: "batch" }],
      secrets: [{ name: "DB", valueFrom: "arn:aws:ssm:ap-northeast-1:1:parameter/db" }],
      command: ["php", "artisan"],
      entryPoint: ["/init"],
      dockerLabels: { team: "a" },
      mountPoints: [{ sourceVolume: "data", containerPath: "/data", readOnly: "true" }],
      LogConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/app" } },
    };
    const [task] = runnableTasks([
      resource(TYPES.taskDefinition, {
        containerDefinitions: JSON.stringify([definition]),
        networkMode: "awsvpc",
        pidMode: "task",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { operatingSystemFamily: "LINUX" },
        volumes: [{ name: "data", hostPath: "/srv" }],
      }),
    ]);
    assert.deepStrictEqual(
      { ...task, containers: task.containers.map(fields) },
      {
        origin: {
          urn: "urn:pulumi:test::fargate-access::aws:ecs/taskDefinition:TaskDefinition::r",
          name: "r",
          type: TYPES.taskDefinition,
        },
        kind: "taskDefinition",
        path: "",
        networkMode: "awsvpc",
        pidMode: "task",
        ipcMode: undefined,
        operatingSystemFamily: "LINUX",
        compatibilities: ["FARGATE"],
        volumes: [{ name: "data", hostPath: "/srv" }],
        containersNotKnown: false,
        notKnown: [],
        containers: [
          {
            path: "containerDefinitions[0]",
            name: "app",
            image: "repo@sha256:abc",
            privileged: true,
            readonlyRootFilesystem: true,
            initProcessEnabled: true,
            capabilitiesAdded: ["SYS_PTRACE"],
            user: "1000",
            environment: [{ name: "MODE", value: "batch" }],
            secrets: [{ name: "DB", value: "arn:aws:ssm:ap-northeast-1:1:parameter/db" }],
            command: ["php", "artisan"],
            entryPoint: ["/init"],
            dockerLabels: [{ name: "team", value: "a" }],
            mountPoints: [{ sourceVolume: "data", containerPath: "/data", readOnly: true }],
            logDriver: "awslogs",
            logOptions: [{ name: "awslogs-group", value: "/app" }],
            notKnown: [],
          },
        ],
      },
    );
  });

  it("reads an aws-native task definition (objects, any key case, host.sourcePath)", () => {
    const [task] = runnableTasks([
      resource("aws-native:ecs:TaskDefinition", {
        ContainerDefinitions: [
          { Name: "app", Privileged: false, LinuxParameters: { InitProcessEnabled: "TRUE" } },
        ],
        IpcMode: "host",
        Volumes: [{ Name: "sock", Host: { SourcePath: "/run" } }],
      }),
    ]);
    assert.strictEqual(task.ipcMode, "host");
    assert.deepStrictEqual(task.volumes, [{ name: "sock", hostPath: "/run" }]);
    assert.deepStrictEqual(fields(task.containers[0]), {
      ...EMPTY,
      path: "containerDefinitions[0]",
      name: "app",
      privileged: false,
      initProcessEnabled: true,
    });
  });

  it("reads a Batch job's containerProperties, ecsProperties and node ranges", () => {
    const tasks = runnableTasks([
      resource(
        TYPES.batchJobDefinition,
        {
          platformCapabilities: ["FARGATE"],
          containerProperties: JSON.stringify({ image: "i", command: ["run"] }),
          ecsProperties: JSON.stringify({
            taskProperties: [{ pidMode: "host", containers: [{ name: "w", privileged: true }] }],
          }),
          nodeProperties: JSON.stringify({
            nodeRangeProperties: [{ targetNodes: "0:", container: { image: "n", user: "root" } }],
          }),
        },
        "job",
      ),
    ]);
    assert.deepStrictEqual(
      tasks.map((task) => [task.path, task.compatibilities, task.pidMode]),
      [
        ["containerProperties", ["FARGATE"], undefined],
        ["ecsProperties.taskProperties[0]", ["FARGATE"], "host"],
        ["nodeProperties.nodeRangeProperties[0].container", ["FARGATE"], undefined],
      ],
    );
    assert.deepStrictEqual(
      tasks
        .flatMap((task) => task.containers)
        .map(({ name, image, privileged, user, command }) => ({
          name,
          image,
          privileged,
          user,
          command,
        })),
      [
        { name: "job", image: "i", privileged: undefined, user: undefined, command: ["run"] },
        { name: "w", image: undefined, privileged: true, user: undefined, command: [] },
        { name: "job", image: "n", privileged: undefined, user: "root", command: [] },
      ],
    );
  });

  it("defaults a Batch job without platformCapabilities to EC2 (RegisterJobDefinition)", () => {
    const [task] = runnableTasks([
      resource(TYPES.batchJobDefinition, { containerProperties: '{"image":"i"}' }),
    ]);
    assert.deepStrictEqual(task.compatibilities, ["EC2"]);
  });

  it("reads the task and job definitions of a CloudFormation template (JSON)", () => {
    const templateBody = JSON.stringify({
      Resources: {
        Task: {
          Type: "AWS::ECS::TaskDefinition",
          Properties: { ContainerDefinitions: [{ Name: "app", Privileged: "true" }] },
        },
        Job: {
          Type: "AWS::Batch::JobDefinition",
          Properties: { PlatformCapabilities: ["FARGATE"], ContainerProperties: { Image: "i" } },
        },
        Bucket: { Type: "AWS::S3::Bucket" },
      },
    });
    const tasks = runnableTasks([
      resource("aws:cloudformation/stack:Stack", { templateBody }, "cfn"),
    ]);
    assert.deepStrictEqual(
      tasks.map((task) => [
        task.origin.name,
        task.kind,
        task.containers.map((c) => [c.name, c.privileged]),
      ]),
      [
        ["cfn/Task", "taskDefinition", [["app", true]]],
        ["cfn/Job", "jobDefinition", [["cfn/Job", undefined]]],
      ],
    );
  });

  it("ignores resources that define no containers", () => {
    assert.deepStrictEqual(runnableTasks([resource(TYPES.cluster, { name: "c" })]), []);
  });
});

describe("container model: values not known during a preview", () => {
  it("keeps what is known beside an unknown value", () => {
    const [container] = containersOf([
      resource("aws-native:ecs:TaskDefinition", {
        containerDefinitions: [
          {
            name: "app",
            image: UNKNOWN,
            privileged: true,
            environment: [
              { name: "A", value: UNKNOWN },
              { name: "B", value: "b" },
            ],
          },
        ],
      }),
    ]);
    assert.strictEqual(container.privileged, true);
    assert.strictEqual(container.image, undefined);
    assert.deepStrictEqual(container.environment, [{ name: "B", value: "b" }]);
    assert.deepStrictEqual(container.notKnown, ["image", "environment[0].value"]);
  });

  it("marks a container list that is not known, and still reads the task's own fields", () => {
    const [task] = runnableTasks([
      resource(TYPES.taskDefinition, { containerDefinitions: UNKNOWN, pidMode: "host" }),
    ]);
    assert.strictEqual(task.containersNotKnown, true);
    assert.strictEqual(task.pidMode, "host");
    assert.deepStrictEqual(task.containers, []);
  });
});

describe("plain values: everything a process is handed, wherever it sits", () => {
  it("collects container fields, RunTask overrides and Lambda variables", () => {
    // A value from the input (`Command.$`) is no literal: it is not in the definition.
    const machine = runTaskMachine({
      "Command.$": "$.c",
      Environment: [{ Name: "O", Value: "o" }],
    });
    const { values, notKnown } = plainValuesOf([
      resource(TYPES.taskDefinition, {
        containerDefinitions: JSON.stringify([
          {
            name: "app",
            environment: [{ name: "E", value: "e" }],
            command: ["c"],
            entryPoint: ["p"],
            dockerLabels: { l: "v" },
            secrets: [{ name: "S", valueFrom: "arn" }],
          },
        ]),
      }),
      resource(TYPES.lambdaFunction, { environment: { variables: { V: "v", U: UNKNOWN } } }, "fn"),
      resource(machine.type, machine.props, "sm"),
    ]);
    assert.deepStrictEqual(
      values.map(({ holder, kind, name, value }) => [holder, kind, name, value]),
      [
        ["Container app", "environment", "E", "e"],
        ["Container app", "argument", "command[0]", "c"],
        ["Container app", "argument", "entryPoint[0]", "p"],
        ["Container app", "label", "l", "v"],
        ["Function fn", "environment", "V", "v"],
        ["State machine sm, state Run, override of container app", "environment", "O", "o"],
      ],
    );
    assert.deepStrictEqual(
      notKnown.map(({ what }) => what),
      ["environment.variables.U"],
    );
  });
});
