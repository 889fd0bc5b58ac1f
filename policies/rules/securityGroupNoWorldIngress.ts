import { StackValidationPolicy } from "@pulumi/policy";
import { reportWorldOpen } from "../lib/worldOpenReport";

/** No security group of the stack's tasks or functions admits the whole internet. */
export const securityGroupNoWorldIngress: StackValidationPolicy = {
  name: "security-group-no-world-ingress",
  description:
    "A security group that the stack's ECS tasks (services, task sets, schedules, targets, pipes, " +
    "Batch, run-task states) or Lambda functions use must not admit every address: no ingress " +
    "from 0.0.0.0/0 or ::/0, nor blocks that together cover them (0.0.0.0/1 + 128.0.0.0/1), in " +
    "any spelling (inline ingress, SecurityGroupRule, vpc.SecurityGroupIngressRule, aws-native). " +
    "The tasks take no inbound traffic at all. (Security Hub EC2.18/EC2.19, Checkov CKV_AWS_260/277)",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) =>
    reportWorldOpen(args, reportViolation, (_group, users) =>
      users ? ` and is used by ${[...new Set(users)].join(", ")}` : undefined,
    ),
};
