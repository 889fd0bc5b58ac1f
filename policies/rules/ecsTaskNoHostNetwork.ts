import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeContainers } from "../lib/judgeContainers";

/** Tasks do not share the host's network namespace. */
export const ecsTaskNoHostNetwork: ResourceValidationPolicy = {
  name: "ecs-task-no-host-network",
  description:
    "Task definitions (aws, aws-native, Batch ecsProperties) must not use networkMode host: the " +
    "containers would share the host's network stack, security groups per task no longer apply. " +
    "Fargate allows only awsvpc (ECS API reference TaskDefinition networkMode). (Security Hub ECS.1)",
  enforcementLevel: "mandatory",
  validateResource: judgeContainers(() => ({
    reads: [],
    readsTask: ["networkMode"],
    judgeTask: (task, report) => {
      if (task.networkMode?.toLowerCase() === "host") {
        report("networkMode is host; use awsvpc.");
      }
    },
  })),
};
