import { StackValidationPolicy } from "@pulumi/policy";
import { allResources, judgeEach } from "../lib/judgeEach";
import { stringListSetting } from "../lib/ruleSettings";
import { subnetModel } from "../model/networks";
import { placementsOf } from "../model/placements";

/** Tasks placed in subnets the stack does not define: their routes cannot be judged here. */
export const ecsSubnetsOutsideStack: StackValidationPolicy = {
  name: "ecs-subnets-outside-stack",
  description:
    "Tasks placed in subnets that the stack does not define (fargate-access:network.mode existing, " +
    "or ids written by hand), or in subnets of the stack that use the main route table of a VPC " +
    "from outside the stack, cannot be judged public or private from the stack: their route tables " +
    "are not in it. Advisory; a security team that has checked them lists them in " +
    "privateSubnetIds, and ecs-private-subnets judges every subnet the stack does define.",
  enforcementLevel: "advisory",
  configSchema: stringListSetting(
    "privateSubnetIds",
    [],
    "Subnets outside the stack that are known to be private (no route to an internet gateway).",
  ),
  validateStack: judgeEach(allResources, (args, reportViolation, undecided) => {
    const { known, unjudged } = subnetModel(args.resources, undecided);
    const vouched = new Set(
      args.getConfig<{ privateSubnetIds?: string[] }>().privateSubnetIds ?? [],
    );
    return (resource) => {
      for (const { where, subnets } of placementsOf(resource)) {
        const outside = subnets.filter((id) => !known.has(id) && !vouched.has(id));
        if (outside.length > 0) {
          reportViolation(
            `${where} uses subnet(s) ${outside.join(", ")} that the stack does not define, so ` +
              "whether they route to an internet gateway cannot be judged from the stack; check " +
              "their route tables and list them in this rule's privateSubnetIds.",
            resource.urn,
          );
        }
        for (const id of subnets.filter((id) => unjudged.has(id) && !vouched.has(id))) {
          reportViolation(
            `${where} uses subnet ${id}, which ${unjudged.get(id)}, so whether it routes to an ` +
              "internet gateway cannot be judged from the stack; associate it with a route table " +
              "of the stack, or check that table and list the subnet in this rule's privateSubnetIds.",
            resource.urn,
          );
        }
      }
    };
  }),
};
