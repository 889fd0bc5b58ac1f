import { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../lib/resourceTypes";
import { asksPublicIp, launchersOf } from "../model/launchers";

/**
 * Nothing but a state machine (state-machine-run-task-no-public-ip judges those) starts tasks
 * with a public IP: the launchers of policies/model/launchers.ts.
 */
export const ecsNoPublicIp: ResourceValidationPolicy = {
  name: "ecs-no-public-ip",
  description:
    "Tasks must not get public IPs: a task with one is reachable from the internet whenever a " +
    "security group rule slips. This covers everything that starts tasks besides state machines: " +
    "services, task sets, EventBridge rule targets (ecsTarget), EventBridge Scheduler schedules " +
    "(ecsParameters), EventBridge Pipes (ecsTaskParameters), AWS Batch job definitions and SSM " +
    "Automation runbooks whose aws:executeAwsApi steps call ECS RunTask, StartTask, CreateService, " +
    "UpdateService or CreateTaskSet, and EC2 capacity (instances and launch templates whose user " +
    "data joins an ECS cluster) with associatePublicIpAddress. (Security Hub ECS.2, Checkov CKV_AWS_333)",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === TYPES.stateMachine) {
      return;
    }
    const resource = { type: args.type, props: args.props, urn: args.urn, name: args.name };
    for (const launcher of launchersOf(resource as PolicyResource)) {
      for (const network of launcher.networks.filter(asksPublicIp)) {
        reportViolation(
          `${network.publicIpWhere} asks for a public IP; turn it off (false / DISABLED) and run in private subnets.`,
        );
      }
    }
  },
};
