import { StackValidationPolicy } from "@pulumi/policy";
import { allResources, judgeEach } from "../lib/judgeEach";
import { subnetModel } from "../model/networks";
import { stackPlacementsOf } from "../model/placements";

/** Tasks run in private subnets, judged from the stack's own subnets, route tables and VPCs. */
export const ecsPrivateSubnets: StackValidationPolicy = {
  name: "ecs-private-subnets",
  description:
    "Everything that starts ECS tasks (services, task sets, EventBridge targets, schedules, pipes, " +
    "AWS Batch compute environments, " +
    "state-machine run-tasks, SSM Automation steps, EC2 capacity — instances, launch templates " +
    "and Auto Scaling groups that join an ECS cluster) must use private subnets: not a subnet with a route to an internet " +
    "gateway (directly or through its VPC's main route table, a default VPC's included), not one " +
    'that maps public IPs on launch (true or "true"), not a default subnet, not an awsx public ' +
    "subnet. (Amazon VPC user guide: public subnet = route to an internet gateway)",
  enforcementLevel: "mandatory",
  validateStack: judgeEach(allResources, (args, reportViolation, undecided) => {
    const { publicReasons } = subnetModel(args.resources, undecided);
    const placementsOf = stackPlacementsOf(args.resources);
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
