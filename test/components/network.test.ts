import * as assert from "assert";
import { endpointServiceNames } from "../../components/network";
import { FakeVpcWorld, ec2Invokes, fakeEc2 } from "../fakes/ec2";
import { idOf, plan, resourceNamed, resourcesOfType, stackConfig } from "../helpers/offlinePlan";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

function interfaceServices(run: Awaited<ReturnType<typeof plan>>): string[] {
  return resourcesOfType(run, ENDPOINT)
    .filter((endpoint) => endpoint.inputs.vpcEndpointType === "Interface")
    .map((endpoint) =>
      String(endpoint.inputs.serviceName).replace("com.amazonaws.ap-northeast-1.", ""),
    )
    .sort();
}

describe("Network", () => {
  const natCases: [string, string, string[]][] = [
    ["none", "None", ["Isolated"]],
    ["single", "Single", ["Private", "Public"]],
    ["onePerAz", "OnePerAz", ["Private", "Public"]],
  ];
  for (const [natGateways, strategy, subnetTypes] of natCases) {
    it(`creates a VPC with natGateways: ${natGateways}`, async () => {
      const run = await plan(
        stackConfig({
          "fargate-access:network": { natGateways, availabilityZones: 3, vpcEndpoints: true },
        }),
      );
      const vpc = resourceNamed(run, "network-vpc");
      assert.strictEqual(vpc.type, "awsx:ec2:Vpc");
      assert.deepStrictEqual(vpc.inputs.natGateways, { strategy });
      assert.strictEqual(vpc.inputs.numberOfAvailabilityZones, 3);
      assert.deepStrictEqual(
        (vpc.inputs.subnetSpecs as { type: string }[]).map((spec) => spec.type),
        subnetTypes,
      );
      const service = resourceNamed(run, "workload-service");
      const subnets = (service.inputs.networkConfiguration as { subnets: string[] }).subnets;
      assert.strictEqual(subnets.length, 3);
      assert.ok(
        subnets.every((id) => !id.includes("pub")),
        `public subnet used: ${subnets}`,
      );
    });
  }

  it("uses an existing VPC and subnets without creating a VPC", async () => {
    const run = await plan(
      stackConfig({
        "fargate-access:network": {
          mode: "existing",
          vpcId: "vpc-0123abcd",
          privateSubnetIds: ["subnet-0123abcd", "subnet-4567abcd"],
        },
      }),
    );
    assert.deepStrictEqual(resourcesOfType(run, "awsx:ec2:Vpc"), []);
    assert.deepStrictEqual(resourcesOfType(run, ENDPOINT), []);
    assert.strictEqual(run.outputs.vpcId, "vpc-0123abcd");
    assert.deepStrictEqual(run.outputs.privateSubnetIds, ["subnet-0123abcd", "subnet-4567abcd"]);
    assert.strictEqual(resourceNamed(run, "network-task-sg").inputs.vpcId, "vpc-0123abcd");
  });

  const endpointCases: [string[], string[]][] = [
    [["ecsExec"], ["ecr.api", "ecr.dkr", "kms", "logs", "ssmmessages"]],
    [["stepFunctions"], ["ecr.api", "ecr.dkr", "logs"]],
    [
      ["ecsExec", "stepFunctions"],
      ["ecr.api", "ecr.dkr", "kms", "logs", "ssmmessages"],
    ],
  ];
  for (const [strategies, expected] of endpointCases) {
    it(`creates exactly the endpoints ${strategies.join(" + ")} need`, async () => {
      const run = await plan(stackConfig({ "fargate-access:strategies": strategies }));
      assert.deepStrictEqual(interfaceServices(run), expected);
      const gateway = resourceNamed(run, "network-endpoint-s3");
      assert.strictEqual(gateway.inputs.vpcEndpointType, "Gateway");
      assert.ok((gateway.inputs.routeTableIds as string[]).length > 0);
    });
  }

  it("leaves out kms when ECS Exec uses no key", async () => {
    const run = await plan(stackConfig({ "fargate-access:ecsExec": { kmsKey: "none" } }));
    assert.deepStrictEqual(interfaceServices(run), ["ecr.api", "ecr.dkr", "logs", "ssmmessages"]);
  });

  it("creates no endpoints when they are turned off", async () => {
    const run = await plan(
      stackConfig({ "fargate-access:network": { natGateways: "single", vpcEndpoints: false } }),
    );
    assert.deepStrictEqual(resourcesOfType(run, ENDPOINT), []);
  });

  it("opens the endpoints to the task security group only, and the tasks to nobody", async () => {
    const run = await plan(stackConfig());
    const taskSg = resourceNamed(run, "network-task-sg");
    const endpointSg = resourceNamed(run, "network-endpoint-sg");
    assert.strictEqual(taskSg.inputs.ingress, undefined);
    const ingress = endpointSg.inputs.ingress as Record<string, unknown>[];
    assert.deepStrictEqual(
      ingress.map((rule) => [
        rule.protocol,
        rule.fromPort,
        rule.toPort,
        rule.securityGroups,
        rule.cidrBlocks,
      ]),
      [["tcp", 443, 443, [idOf(run, "network-task-sg")], undefined]],
    );
    for (const endpoint of resourcesOfType(run, ENDPOINT).filter(
      (e) => e.inputs.vpcEndpointType === "Interface",
    )) {
      assert.strictEqual(endpoint.inputs.privateDnsEnabled, true);
      assert.deepStrictEqual(endpoint.inputs.securityGroupIds, [idOf(run, "network-endpoint-sg")]);
    }
  });

  describe("in an existing VPC", () => {
    // Two private subnets: one explicitly on rtb-private, one implicitly on the main table.
    const world: FakeVpcWorld = {
      subnets: [
        { SubnetId: "subnet-0aaa1111", VpcId: "vpc-0123abcd", AvailabilityZone: "ap-northeast-1a" },
        { SubnetId: "subnet-0bbb2222", VpcId: "vpc-0123abcd", AvailabilityZone: "ap-northeast-1c" },
      ],
      vpcs: [{ VpcId: "vpc-0123abcd", EnableDnsSupport: true, EnableDnsHostnames: true }],
      routeTables: [
        { RouteTableId: "rtb-public", VpcId: "vpc-0123abcd", subnets: ["subnet-0ccc3333"] },
        { RouteTableId: "rtb-private", VpcId: "vpc-0123abcd", subnets: ["subnet-0aaa1111"] },
        { RouteTableId: "rtb-main", VpcId: "vpc-0123abcd", subnets: [], main: true },
        { RouteTableId: "rtb-other-vpc", VpcId: "vpc-0999ffff", subnets: [], main: true },
      ],
    };
    const existing = (extra: Record<string, unknown> = {}) =>
      stackConfig({
        "fargate-access:network": {
          mode: "existing",
          vpcId: "vpc-0123abcd",
          privateSubnetIds: ["subnet-0aaa1111", "subnet-0bbb2222"],
          vpcEndpoints: true,
          ...extra,
        },
      });

    it("routes the S3 gateway endpoint through every table the subnets use, the main one included", async () => {
      const run = await plan(existing(), "test", ec2Invokes(fakeEc2(world, 1)));
      const s3 = resourceNamed(run, "network-endpoint-s3");
      assert.deepStrictEqual(s3.inputs.routeTableIds, ["rtb-main", "rtb-private"]);
    });

    it("creates none of the endpoints the VPC already has (private DNS would conflict)", async () => {
      const run = await plan(
        existing({ existingEndpointServices: ["ssmmessages", "logs", "s3"] }),
        "test",
        ec2Invokes(fakeEc2(world)),
      );
      assert.deepStrictEqual(interfaceServices(run), ["ecr.api", "ecr.dkr", "kms"]);
      assert.deepStrictEqual(
        resourcesOfType(run, ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Gateway"),
        [],
      );
    });

    /** Every interface endpoint of the plan, created in the fake EC2 (which rejects what AWS does). */
    function createEndpointsIn(vpcWorld: FakeVpcWorld, run: Awaited<ReturnType<typeof plan>>) {
      const ec2 = fakeEc2(vpcWorld);
      return resourcesOfType(run, ENDPOINT)
        .filter((e) => e.inputs.vpcEndpointType === "Interface")
        .map((e) =>
          ec2.CreateVpcEndpoint({
            VpcId: e.inputs.vpcId,
            VpcEndpointType: "Interface",
            SubnetIds: e.inputs.subnetIds,
            PrivateDnsEnabled: e.inputs.privateDnsEnabled,
          }),
        );
    }

    it("puts each interface endpoint in one private subnet per Availability Zone (the first listed)", async () => {
      const fourSubnets: FakeVpcWorld = {
        ...world,
        subnets: [
          ...world.subnets,
          {
            SubnetId: "subnet-0ddd4444",
            VpcId: "vpc-0123abcd",
            AvailabilityZone: "ap-northeast-1a",
          },
          {
            SubnetId: "subnet-0eee5555",
            VpcId: "vpc-0123abcd",
            AvailabilityZone: "ap-northeast-1c",
          },
        ],
      };
      const run = await plan(
        existing({
          privateSubnetIds: [
            "subnet-0aaa1111",
            "subnet-0ddd4444",
            "subnet-0bbb2222",
            "subnet-0eee5555",
          ],
        }),
        "test",
        ec2Invokes(fakeEc2(fourSubnets)),
      );
      const endpoints = createEndpointsIn(fourSubnets, run);
      assert.ok(endpoints.length > 0);
      for (const endpoint of resourcesOfType(run, ENDPOINT).filter(
        (e) => e.inputs.vpcEndpointType === "Interface",
      )) {
        assert.deepStrictEqual(endpoint.inputs.subnetIds, ["subnet-0aaa1111", "subnet-0bbb2222"]);
      }
      // The tasks still run in every private subnet.
      assert.deepStrictEqual(run.outputs.privateSubnetIds, [
        "subnet-0aaa1111",
        "subnet-0ddd4444",
        "subnet-0bbb2222",
        "subnet-0eee5555",
      ]);
    });

    for (const attribute of ["EnableDnsSupport", "EnableDnsHostnames"] as const) {
      it(`refuses a VPC with ${attribute} off, naming it and the fix`, async () => {
        const dnsOff: FakeVpcWorld = {
          ...world,
          vpcs: [
            {
              VpcId: "vpc-0123abcd",
              EnableDnsSupport: true,
              EnableDnsHostnames: true,
              [attribute]: false,
            },
          ],
        };
        const name = attribute.charAt(0).toLowerCase() + attribute.slice(1);
        const flag = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        await assert.rejects(
          plan(existing(), "test", ec2Invokes(fakeEc2(dnsOff))),
          new RegExp(
            `VPC vpc-0123abcd has ${name} off: .*aws ec2 modify-vpc-attribute --vpc-id vpc-0123abcd --${flag} '\\{"Value":true\\}'`,
          ),
        );
      });
    }

    it("refuses existingEndpointServices for a VPC it creates", async () => {
      await assert.rejects(
        plan(stackConfig({ "fargate-access:network": { existingEndpointServices: ["ssm"] } })),
        /fargate-access:network\.existingEndpointServices: .*mode: existing/,
      );
    });
  });

  it("tags the VPC, security groups and endpoints with a Name carrying project and stack", async () => {
    const run = await plan(stackConfig());
    const names = [
      resourceNamed(run, "network-vpc"),
      resourceNamed(run, "network-task-sg"),
      resourceNamed(run, "network-endpoint-sg"),
      ...resourcesOfType(run, ENDPOINT),
    ].map((r) => (r.inputs.tags as Record<string, string> | undefined)?.Name);
    for (const name of names) {
      assert.match(String(name), /^fargate-access-test/);
    }
  });

  it("endpointServiceNames adds the base set and removes duplicates", () => {
    assert.deepStrictEqual(endpointServiceNames(["ssm", "logs", "ssm"]), [
      "ecr.api",
      "ecr.dkr",
      "logs",
      "ssm",
    ]);
  });
});
