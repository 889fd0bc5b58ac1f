import * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT_ID = "123456789012";

type State = Record<string, unknown>;

/** A deterministic short hex suffix, like the random suffix Pulumi auto-naming adds. */
function suffix(name: string): string {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  }
  return hash.toString(16).padStart(8, "0").slice(0, 7);
}

/**
 * Fake AWS: every resource gets an id, a physical name and an ARN shaped like the real one, so
 * ARNs built by the program and the policy pack look as they will in an account. The awsx VPC
 * (a remote component, a single resource under mocks) returns its subnet ids.
 */
/** Answers a provider function call (token, inputs), or `undefined` to fall back to the mocks. */
export type InvokeAnswers = (token: string, inputs: State) => State | undefined;

export function awsMocks(region: string, invokes?: InvokeAnswers): pulumi.runtime.Mocks {
  const arn = (service: string, resource: string, regional = true) =>
    `arn:aws:${service}:${regional ? region : ""}:${MOCK_ACCOUNT_ID}:${resource}`;
  const byType: Record<string, (name: string, inputs: State) => State> = {
    "awsx:ec2:Vpc": (name, inputs) => vpcOutputs(name, inputs),
    "aws:ecs/cluster:Cluster": (name) => ({ arn: arn("ecs", `cluster/${name}`) }),
    "aws:ecs/service:Service": (name) => ({ arn: arn("ecs", `service/${name}`) }),
    "aws:ecs/taskDefinition:TaskDefinition": (_name, inputs) => ({
      arn: arn("ecs", `task-definition/${String(inputs.family)}:1`),
      revision: 1,
    }),
    "aws:iam/role:Role": (name) => ({ arn: arn("iam", `role/${name}`, false), uniqueId: "AROA" }),
    // A log group's ARN holds its name (the program names every group it creates).
    "aws:cloudwatch/logGroup:LogGroup": (name, inputs) => ({
      arn: arn("logs", `log-group:${String(inputs.name ?? name)}`),
    }),
    "aws:kms/key:Key": (name) => ({
      arn: arn("kms", `key/${suffix(name)}-0000-4000-8000-mock`),
      keyId: suffix(name),
    }),
    "aws:sfn/stateMachine:StateMachine": (name) => ({ arn: arn("states", `stateMachine:${name}`) }),
    "aws:lambda/function:Function": (name) => ({ arn: arn("lambda", `function:${name}`) }),
    "aws:sqs/queue:Queue": (name) => ({
      arn: arn("sqs", name),
      url: `https://sqs.${region}.amazonaws.com/${MOCK_ACCOUNT_ID}/${name}`,
    }),
    "aws:cloudwatch/eventRule:EventRule": (name) => ({ arn: arn("events", `rule/${name}`) }),
    "aws:ecr/repository:Repository": (name) => ({
      arn: arn("ecr", `repository/${name}`),
      repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${name}`,
    }),
    // A remote awsx component: under mocks it builds nothing; it answers with a pushed digest.
    "awsx:ecr:Image": (_name, inputs) => ({
      imageUri: `${String(inputs.repositoryUrl)}@sha256:${"0".repeat(64)}`,
    }),
  };
  return {
    newResource(args: pulumi.runtime.MockResourceArgs) {
      const physicalName =
        typeof args.inputs.name === "string"
          ? args.inputs.name
          : `${args.name}-${suffix(args.name)}`;
      const extra = byType[args.type]?.(physicalName, args.inputs) ?? {};
      return {
        id: `${physicalName}-id`,
        state: { ...args.inputs, name: physicalName, ...extra },
      };
    },
    call(args: pulumi.runtime.MockCallArgs) {
      const answer = invokes?.(args.token, args.inputs);
      if (answer !== undefined) {
        return answer;
      }
      switch (args.token) {
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:index/getRegion:getRegion":
          return { name: region, region, id: region };
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return {
            accountId: MOCK_ACCOUNT_ID,
            arn: arn("iam", "user/mock", false),
            userId: "AIDAMOCK",
            id: MOCK_ACCOUNT_ID,
          };
        // An existing VPC as the program expects it: DNS on, each subnet in a zone of its own
        // (tests with their own world answer through `invokes`, test/fakes/ec2.ts).
        case "aws:ec2/getVpc:getVpc":
          return {
            id: String(args.inputs.id),
            enableDnsSupport: true,
            enableDnsHostnames: true,
          };
        case "aws:ec2/getSubnet:getSubnet":
          return {
            id: String(args.inputs.id),
            availabilityZone: `${region}-zone-of-${String(args.inputs.id)}`,
          };
        case "aws:ec2/getRouteTables:getRouteTables":
          return { ids: ["rtb-0000000000000001", "rtb-0000000000000002"], id: "route-tables" };
        case "aws:ec2/getRouteTable:getRouteTable": {
          // The first table is the VPC's main table; subnets without an association use it.
          const routeTableId = String(args.inputs.routeTableId);
          const main = routeTableId.endsWith("1");
          return { routeTableId, associations: main ? [{ main: true, routeTableId }] : [] };
        }
        default:
          return {};
      }
    },
  };
}

function vpcOutputs(name: string, inputs: State): State {
  const zones =
    typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : 3;
  const specs = Array.isArray(inputs.subnetSpecs) ? (inputs.subnetSpecs as { type: string }[]) : [];
  const idsOf = (type: string) =>
    specs.some((spec) => spec.type === type)
      ? Array.from(
          { length: zones },
          (_, zone) => `subnet-${type.toLowerCase().slice(0, 3)}${zone}${suffix(name)}`,
        )
      : [];
  return {
    vpcId: `vpc-${suffix(name)}0000000000`,
    privateSubnetIds: idsOf("Private"),
    publicSubnetIds: idsOf("Public"),
    isolatedSubnetIds: idsOf("Isolated"),
  };
}
