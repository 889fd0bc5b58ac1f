import { StackValidationPolicy } from "@pulumi/policy";
import { reportWorldOpen } from "../lib/worldOpenReport";

/** Security groups open to the world that no task or function of the stack uses: a warning. */
export const securityGroupWorldIngressUnattached: StackValidationPolicy = {
  name: "security-group-world-ingress-unattached",
  description:
    "A security group that admits every address but that no ECS task or Lambda function of the " +
    "stack uses: advisory, because what it protects (a load balancer, an instance elsewhere) is " +
    "not in the stack to judge; security-group-no-world-ingress blocks the stack's own workloads.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) =>
    reportWorldOpen(args, reportViolation, (_group, users) =>
      users ? undefined : " and no task or function of the stack uses it",
    ),
};
