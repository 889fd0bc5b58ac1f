import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { isTrue, subnetModel } from "../../../policies/model/networks";
import { attachedGroups, worldOpenGroups } from "../../../policies/model/securityGroups";
import { Undecided } from "../../../policies/lib/unknowns";

const resource = (type: string, name: string, props: Record<string, unknown>) =>
  ({ type, name, urn: `urn:${name}`, props }) as PolicyResource;

describe("policies/model/networks", () => {
  it("reads booleans as Go's strconv.ParseBool does", () => {
    assert.deepStrictEqual(
      [true, "true", "TRUE", "1", "t", false, "false", "yes", undefined].map(isTrue),
      [true, true, true, true, true, false, false, false, false],
    );
  });
  it("knows every subnet the stack defines, public or not", () => {
    const model = subnetModel(
      [
        resource("aws:ec2/subnet:Subnet", "a", { id: "subnet-a", vpcId: "vpc-1" }),
        resource("aws-native:ec2:Subnet", "n", { subnetId: "subnet-n", vpcId: "vpc-1" }),
        resource("aws:ec2/defaultSubnet:DefaultSubnet", "d", { id: "subnet-d" }),
        resource("awsx:ec2:Vpc", "x", {
          privateSubnetIds: ["subnet-p"],
          isolatedSubnetIds: ["subnet-i"],
        }),
      ],
      new Undecided(),
    );
    assert.deepStrictEqual([...model.known].sort(), [
      "subnet-a",
      "subnet-d",
      "subnet-i",
      "subnet-n",
      "subnet-p",
    ]);
    assert.deepStrictEqual([...model.publicReasons.keys()], ["subnet-d"]);
  });
  it("cannot judge a subnet on the main table of a VPC from outside the stack", () => {
    const model = subnetModel(
      [
        resource("aws:ec2/subnet:Subnet", "a", { id: "subnet-a", vpcId: "vpc-ext" }),
        resource("aws:ec2/subnet:Subnet", "b", { id: "subnet-b", vpcId: "vpc-ext" }),
        resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "b-rt", {
          subnetId: "subnet-b",
          routeTableId: "rtb-1",
        }),
      ],
      new Undecided(),
    );
    assert.deepStrictEqual([...model.unjudged.keys()], ["subnet-a"]);
  });
  it("an explicit association wins over a public main route table", () => {
    const model = subnetModel(
      [
        resource("aws:ec2/vpc:Vpc", "v", { id: "vpc-1", defaultRouteTableId: "rtb-main" }),
        resource("aws:ec2/route:Route", "r", { routeTableId: "rtb-main", gatewayId: "igw-1" }),
        resource("aws:ec2/subnet:Subnet", "a", { id: "subnet-a", vpcId: "vpc-1" }),
        resource("aws:ec2/subnet:Subnet", "b", { id: "subnet-b", vpcId: "vpc-1" }),
        resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "b-priv", {
          subnetId: "subnet-b",
          routeTableId: "rtb-priv",
        }),
      ],
      new Undecided(),
    );
    assert.deepStrictEqual([...model.publicReasons.keys()], ["subnet-a"]);
  });
});

describe("policies/model/securityGroups", () => {
  it("joins rules of one group from every spelling, and only ingress", () => {
    const open = worldOpenGroups(
      [
        resource("aws:ec2/securityGroup:SecurityGroup", "g", {
          id: "sg-1",
          ingress: [{ cidrBlocks: ["0.0.0.0/1"] }],
        }),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "hi", {
          securityGroupId: "sg-1",
          cidrIpv4: "128.0.0.0/1",
        }),
        resource("aws:ec2/securityGroupRule:SecurityGroupRule", "out", {
          type: "egress",
          securityGroupId: "sg-2",
          cidrBlocks: ["0.0.0.0/0"],
        }),
      ],
      new Undecided(),
    );
    assert.deepStrictEqual(
      open.map(({ groupId, group, families, openedBy }) => ({
        groupId,
        group: group?.name,
        families,
        openedBy,
      })),
      [{ groupId: "sg-1", group: "g", families: ["IPv4"], openedBy: ["g", "hi"] }],
    );
  });
  it("finds the groups of tasks, functions and run-task states", () => {
    const attached = attachedGroups(
      [
        resource("aws:ecs/service:Service", "svc", {
          networkConfiguration: { securityGroups: ["sg-1"] },
        }),
        resource("aws:lambda/function:Function", "fn", {
          vpcConfig: { securityGroupIds: ["sg-2", "sg-1"] },
        }),
        resource("aws:batch/computeEnvironment:ComputeEnvironment", "ce", {
          computeResources: { securityGroupIds: ["sg-3"] },
        }),
      ],
      new Undecided(),
    );
    assert.deepStrictEqual(Object.fromEntries(attached), {
      "sg-1": ["svc", "fn"],
      "sg-2": ["fn"],
      "sg-3": ["ce"],
    });
  });
});
