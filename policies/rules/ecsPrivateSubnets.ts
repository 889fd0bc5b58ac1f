import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { allResources, judgeEach } from "../lib/judgeEach";
import { readDefinition } from "../lib/asl";
import { publicSubnets } from "../lib/publicSubnets";
import { TYPES } from "../lib/resourceTypes";
import { launchNetworks, subnetsOf } from "../lib/taskLaunchers";

/** Where a resource places tasks: a property path (or a state) and the subnet ids it names. */
interface Placement {
  where: string;
  subnets: string[];
}

function placementsOf(resource: PolicyResource): Placement[] {
  if (resource.type === TYPES.stateMachine) {
    const read = readDefinition(resource.props.definition);
    return read.kind === "parsed"
      ? read.definition.ecsTaskStates.map(({ path, network }) => ({
          where: `state ${path}`,
          subnets: network.subnets ?? [],
        }))
      : [];
  }
  return launchNetworks(resource.type, resource.props).map((network) => ({
    where: `${network.where}.subnets`,
    subnets: subnetsOf(network),
  }));
}

/** Tasks run in private subnets, judged from the stack's own subnets, route tables and VPCs. */
export const ecsPrivateSubnets: StackValidationPolicy = {
  name: "ecs-private-subnets",
  description:
    "Everything that starts ECS tasks (services, task sets, EventBridge targets, schedules, pipes, " +
    "AWS Batch compute environments, " +
    "state-machine run-tasks) must use private subnets: not a subnet with a route to an internet " +
    "gateway (directly or through its VPC's main route table), not one that maps public IPs on " +
    "launch, not an awsx public subnet. (Amazon VPC user guide: public subnet = route to an internet gateway)",
  enforcementLevel: "mandatory",
  validateStack: judgeEach(allResources, (args, reportViolation, undecided) => {
    const publicReasons = publicSubnets(args.resources, undecided);
    return (resource) => {
      for (const { where, subnets } of placementsOf(resource)) {
        const offending = subnets.filter((id) => publicReasons.has(id));
        if (offending.length > 0) {
          reportViolation(
            `${where} uses public subnet(s): ${offending.map((id) => `${id} (${publicReasons.get(id)})`).join(", ")}; ` +
              "use the VPC's private subnets (fargate-access:network.privateSubnetIds in existing mode).",
            resource.urn,
          );
        }
      }
    };
  }),
};
