import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "../config/types";
import { NAME_RULES, stackResourceName } from "../lib/physicalName";
import { routeTablesOfSubnets } from "../lib/routeTables";
import { endpointServiceNames } from "../lib/endpointServices";
import { oneSubnetPerZone, vpcDnsProblem } from "../lib/endpointSubnets";

// Pure and light (the cost estimate reads them without loading Pulumi); re-exported here.
export { BASE_ENDPOINT_SERVICES, endpointServiceNames } from "../lib/endpointServices";

export interface NetworkArgs {
  /** `fargate-access:network`, validated and defaulted (default: a new VPC, endpoints only). */
  config: NetworkConfig;
  /**
   * Interface endpoint services the selected strategies need (e.g. `ssmmessages`), added to
   * {@link BASE_ENDPOINT_SERVICES}. Ignored unless `config.vpcEndpoints` is true.
   */
  endpointServices: string[];
  /** The region the endpoints' service names are in (`com.amazonaws.REGION.SERVICE`). */
  region: pulumi.Input<string>;
}

/**
 * The private network the tasks run in: a VPC (new or existing), a task security group with no
 * ingress, and, when enabled, VPC endpoints reachable only from that security group.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** The subnets the interface endpoints sit in: one private subnet per Availability Zone. */
  readonly endpointSubnetIds: pulumi.Output<string[]>;
  readonly taskSecurityGroup: aws.ec2.SecurityGroup;
  /** Interface endpoint service names created, sorted; empty when endpoints are off. */
  readonly endpointServices: string[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("fargate-access:network:Network", name, {}, opts);

    if (args.config.mode === "create") {
      const vpc = createVpc(name, args.config, this);
      this.vpcId = vpc.vpcId;
      this.privateSubnetIds =
        args.config.natGateways === "none" ? vpc.isolatedSubnetIds : vpc.privateSubnetIds;
      // awsx makes one subnet of each type per zone.
      this.endpointSubnetIds = this.privateSubnetIds;
    } else {
      this.vpcId = pulumi.output(args.config.vpcId);
      this.privateSubnetIds = pulumi.output(args.config.privateSubnetIds);
      this.endpointSubnetIds = existingEndpointSubnets(args.config.privateSubnetIds, this);
    }

    this.taskSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-task-sg`,
      {
        vpcId: this.vpcId,
        description: "Fargate tasks: no ingress; HTTPS out to AWS APIs",
        tags: nameTag("tasks"),
        egress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ["0.0.0.0/0"],
            description: "AWS APIs through VPC endpoints or NAT",
          },
        ],
      },
      { parent: this },
    );

    const existing = args.config.mode === "existing" ? args.config.existingEndpointServices : [];
    this.endpointServices = args.config.vpcEndpoints
      ? endpointServiceNames(args.endpointServices).filter((s) => !existing.includes(s))
      : [];
    if (args.config.vpcEndpoints) {
      this.createEndpoints(name, args, !existing.includes("s3"));
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      taskSecurityGroupId: this.taskSecurityGroup.id,
    });
  }

  private createEndpoints(name: string, args: NetworkArgs, withS3: boolean): void {
    if (this.endpointServices.length > 0) {
      this.createInterfaceEndpoints(name, args);
    }
    if (withS3) {
      this.createS3GatewayEndpoint(name, args);
    }
  }

  private createInterfaceEndpoints(name: string, args: NetworkArgs): void {
    const region = args.region;
    // An existing VPC's DNS attributes are the user's: refuse before any endpoint is made.
    const vpcId =
      args.config.mode === "existing" ? checkedVpcDns(args.config.vpcId, this) : this.vpcId;
    const endpointSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-endpoint-sg`,
      {
        vpcId: this.vpcId,
        description: "VPC interface endpoints: HTTPS from the Fargate tasks only",
        tags: nameTag("endpoints"),
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            securityGroups: [this.taskSecurityGroup.id],
            description: "HTTPS from the task security group",
          },
        ],
        egress: [],
      },
      { parent: this },
    );
    for (const service of this.endpointServices) {
      new aws.ec2.VpcEndpoint(
        `${name}-endpoint-${service.replace(/\./g, "-")}`,
        {
          vpcId,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          tags: nameTag(service),
          subnetIds: this.endpointSubnetIds,
          securityGroupIds: [endpointSecurityGroup.id],
        },
        { parent: this },
      );
    }
  }

  private createS3GatewayEndpoint(name: string, args: NetworkArgs): void {
    const region = args.region;
    // ECR serves image layers from S3; a gateway endpoint on the private route tables is free.
    // The new VPC's subnets each have an explicit association; an existing VPC's may use the
    // main route table implicitly, which only a VPC-wide lookup finds.
    const routeTableIds =
      args.config.mode === "existing"
        ? subnetRouteTableIds(args.config.vpcId, args.config.privateSubnetIds, this)
        : aws.ec2.getRouteTablesOutput(
            {
              vpcId: this.vpcId,
              filters: [{ name: "association.subnet-id", values: this.privateSubnetIds }],
            },
            { parent: this },
          ).ids;
    new aws.ec2.VpcEndpoint(
      `${name}-endpoint-s3`,
      {
        vpcId: this.vpcId,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds,
        tags: nameTag("s3"),
      },
      { parent: this },
    );
  }
}

/** One of the existing private subnets per Availability Zone, from EC2's answer (getSubnet). */
function existingEndpointSubnets(
  subnetIds: string[],
  parent: pulumi.Resource,
): pulumi.Output<string[]> {
  return pulumi
    .all(subnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, { parent })))
    .apply((subnets) =>
      oneSubnetPerZone(subnets.map((s) => ({ id: s.id, availabilityZone: s.availabilityZone }))),
    );
}

/** The VPC id, once EC2 says its DNS attributes let the endpoints' private DNS work (getVpc). */
function checkedVpcDns(vpcId: string, parent: pulumi.Resource): pulumi.Output<string> {
  return aws.ec2.getVpcOutput({ id: vpcId }, { parent }).apply((vpc) => {
    const problem = vpcDnsProblem(vpcId, vpc);
    if (problem) throw new pulumi.ResourceError(problem, parent);
    return vpcId;
  });
}

/** The route tables the given subnets of a VPC use (explicitly or through the main table). */
function subnetRouteTableIds(
  vpcId: string,
  subnetIds: string[],
  parent: pulumi.Resource,
): pulumi.Output<string[]> {
  return pulumi.output(
    (async () => {
      const { ids } = await aws.ec2.getRouteTables({ vpcId }, { parent });
      const tables = await Promise.all(
        ids.map((routeTableId) => aws.ec2.getRouteTable({ routeTableId }, { parent })),
      );
      const views = tables.map((table) => ({
        routeTableId: table.routeTableId,
        associations: (table.associations ?? []).map((a) => ({
          subnetId: a.subnetId,
          main: a.main,
        })),
      }));
      return routeTablesOfSubnets(views, subnetIds);
    })(),
  );
}

/** A `Name` tag carrying the project and stack, so the EC2 console lists whose resource it is. */
function nameTag(...suffix: string[]): Record<string, string> {
  return {
    Name: stackResourceName(pulumi.getProject(), pulumi.getStack(), NAME_RULES.nameTag, ...suffix),
  };
}

function createVpc(
  name: string,
  config: Extract<NetworkConfig, { mode: "create" }>,
  parent: pulumi.Resource,
): awsx.ec2.Vpc {
  const withNat = config.natGateways !== "none";
  const natStrategy = {
    none: awsx.ec2.NatGatewayStrategy.None,
    single: awsx.ec2.NatGatewayStrategy.Single,
    onePerAz: awsx.ec2.NatGatewayStrategy.OnePerAz,
  }[config.natGateways];
  // Without NAT there is nothing to put in public subnets, so none (and no internet gateway)
  // exist; the task subnets are then "isolated": their only way out is the VPC endpoints.
  const subnetSpecs: awsx.types.input.ec2.SubnetSpecArgs[] = withNat
    ? [{ type: awsx.ec2.SubnetType.Private }, { type: awsx.ec2.SubnetType.Public }]
    : [{ type: awsx.ec2.SubnetType.Isolated }];
  return new awsx.ec2.Vpc(
    `${name}-vpc`,
    {
      cidrBlock: config.cidrBlock,
      numberOfAvailabilityZones: config.availabilityZones,
      natGateways: { strategy: natStrategy },
      subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
      subnetSpecs,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: nameTag(),
    },
    { parent },
  );
}
