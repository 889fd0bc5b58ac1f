import * as assert from "assert";
import { accessEdges, renderAccessGraph } from "../../offline/accessGraph";
import {
  componentExpansion,
  readableInputs,
  renderResourceDetails,
  securityGroupRules,
} from "../../offline/planDetails";
import { OfflineRun } from "../../offline/runOffline";
import { plan, recordedResource, resourceNamed, stackConfig } from "../helpers/offlinePlan";

const resource = recordedResource;

describe("plan --details", () => {
  it("parses JSON documents held in strings, at any depth", () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"] }] });
    assert.deepStrictEqual(
      readableInputs({ policy, nested: { doc: "[1,2]" }, plain: "{not json" }),
      {
        policy: { Statement: [{ Effect: "Allow", Action: ["s3:GetObject"] }] },
        nested: { doc: [1, 2] },
        plain: "{not json",
      },
    );
  });

  it("renders security-group rules one per line", () => {
    assert.deepStrictEqual(
      securityGroupRules({
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            securityGroups: ["sg-1"],
            description: "tasks",
          },
        ],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
      }),
      ["ingress tcp 443 from sg-1 (tasks)", "egress all traffic to 0.0.0.0/0"],
    );
    assert.deepStrictEqual(securityGroupRules({}), ["ingress: none", "egress: none"]);
  });

  it("says what an awsx VPC will create, from its inputs", () => {
    const vpc = (natGateways: string) =>
      componentExpansion(
        resource("awsx:ec2:Vpc", "vpc", {
          cidrBlock: "10.1.0.0/16",
          numberOfAvailabilityZones: 2,
          natGateways: { strategy: natGateways },
          subnetSpecs: [{ type: "Private" }, { type: "Public" }],
        }),
      );
    assert.deepStrictEqual(vpc("Single"), [
      "aws:ec2/vpc:Vpc (10.1.0.0/16)",
      "4 subnets (private + public in each of 2 AZs)",
      "4 route tables and 4 route table associations",
      "1 internet gateway, with a 0.0.0.0/0 route from each of the 2 public route tables",
      "1 NAT gateway (Single) with 1 Elastic IP, and a 0.0.0.0/0 route to them from each of the 2 private route tables",
    ]);
    assert.match(vpc("OnePerAz")[4], /^2 NAT gateways \(OnePerAz\) with 2 Elastic IPs/);
    assert.match(vpc("None")[4], /^no NAT gateway/);
  });

  it("says what an awsx ECR image will build and push", () => {
    const lines = componentExpansion(
      resource("awsx:ecr:Image", "img", {
        context: "container",
        dockerfile: "container/Dockerfile",
        platform: "linux/arm64",
        repositoryUrl: "1.dkr.ecr.r.amazonaws.com/repo",
        imageTag: "abc",
      }),
    );
    assert.deepStrictEqual(lines, [
      "docker build of container (container/Dockerfile) for linux/arm64",
      "push to 1.dkr.ecr.r.amazonaws.com/repo:abc; no other AWS resource",
    ]);
  });

  it("shows a planned stack's IAM policy as structure under its resource", async () => {
    const run = await plan(stackConfig({ "fargate-access:strategies": ["stepFunctions"] }));
    const text = renderResourceDetails(run.resources);
    assert.match(
      text,
      /aws:iam\/rolePolicy:RolePolicy {2}step-functions-role-policy\n(\s+│ .*\n)*?\s+│ +- ecs:RunTask\n/,
    );
    assert.match(text, /│ egress tcp 443 to 0\.0\.0\.0\/0/);
    assert.match(text, /│ will create: 2 subnets \(isolated in each of 2 AZs\)/);
  });
});

describe("plan --graph", () => {
  let run: OfflineRun;
  before(async () => {
    run = await plan(
      stackConfig({
        "fargate-access:strategies": ["ecsExec", "stepFunctions"],
        "fargate-access:ecsExec": { operatorPrincipals: ["arn:aws:iam::123456789012:role/oncall"] },
        "fargate-access:stepFunctions": {
          operatorPrincipals: ["arn:aws:iam::123456789012:role/batch"],
        },
      }),
    );
  });
  const edge = (from: string, to: string) =>
    accessEdges(run.resources).filter(
      (e) => e.from === from && e.to === resourceNamed(run, to).urn,
    );

  it("draws who may assume each operator role", () => {
    assert.strictEqual(
      edge("arn:aws:iam::123456789012:role/oncall", "ecs-exec-operator-role").length,
      1,
    );
    assert.strictEqual(
      edge("arn:aws:iam::123456789012:role/batch", "step-functions-operator-role").length,
      1,
    );
  });

  it("draws what each role may do on which resource", () => {
    const labelsFrom = (role: string, to: string) =>
      accessEdges(run.resources)
        .filter(
          (e) => e.from === resourceNamed(run, role).urn && e.to === resourceNamed(run, to).urn,
        )
        .map((e) => e.label);
    assert.ok(
      labelsFrom("ecs-exec-operator-role", "workload-service").some((l) =>
        l.includes("ecs:ExecuteCommand"),
      ),
    );
    assert.ok(
      labelsFrom("step-functions-operator-role", "step-functions-state-machine").includes(
        "states:StartExecution",
      ),
    );
    assert.ok(labelsFrom("step-functions-role", "workload-task").includes("ecs:RunTask"));
  });

  it("draws the tasks' way to the endpoints and the task definition's roles and logs", () => {
    const service = resourceNamed(run, "workload-service").urn;
    const labels = accessEdges(run.resources)
      .filter((e) => e.from === service)
      .map((e) => e.label);
    assert.ok(labels.includes("HTTPS 443 to ssmmessages"), labels.join("; "));
    const task = resourceNamed(run, "workload-task").urn;
    const fromTask = accessEdges(run.resources).filter((e) => e.from === task);
    assert.ok(
      fromTask.some(
        (e) => e.label === "taskRoleArn" && e.to === resourceNamed(run, "workload-task-role").urn,
      ),
    );
  });

  it("renders valid Mermaid: one subgraph per component, quoted labels", () => {
    const mermaid = renderAccessGraph(run.resources);
    assert.match(mermaid, /^flowchart LR\n/);
    assert.match(mermaid, /subgraph people\["Principals outside the stack"\]/);
    assert.match(mermaid, /subgraph n\d+\["ecs-exec"\]/);
    const opened = (mermaid.match(/^\s*subgraph /gm) ?? []).length;
    const closed = (mermaid.match(/^\s*end$/gm) ?? []).length;
    assert.strictEqual(opened, closed);
    for (const line of mermaid.split("\n").filter((l) => l.includes("-->"))) {
      assert.match(line, /^ {2}n\d+ -->\|"[^"|]+"\| n\d+$/, line);
    }
  });
});
