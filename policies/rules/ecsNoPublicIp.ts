import { ResourceValidationPolicy } from "@pulumi/policy";
import { asksForPublicIp, isTaskLauncher, launchNetworks } from "../lib/taskLaunchers";

/** No ECS service, task set, EventBridge rule target, schedule or pipe starts tasks with a public IP. */
export const ecsNoPublicIp: ResourceValidationPolicy = {
  name: "ecs-no-public-ip",
  description:
    "Tasks must not get public IPs: a task with one is reachable from the internet whenever a " +
    "security group rule slips. This covers everything that starts tasks besides state machines: " +
    "services, task sets, EventBridge rule targets (ecsTarget), EventBridge Scheduler schedules " +
    "(ecsParameters), EventBridge Pipes (ecsTaskParameters) and AWS Batch job definitions. (Security Hub ECS.2, Checkov CKV_AWS_333)",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!isTaskLauncher(args.type)) {
      return;
    }
    for (const network of launchNetworks(args.type, args.props).filter(asksForPublicIp)) {
      reportViolation(
        `${network.where}.assignPublicIp asks for a public IP; turn it off (false / DISABLED) and run in private subnets.`,
      );
    }
  },
};
