import { ResourceValidationPolicy } from "@pulumi/policy";
import { requireOfType, TYPES } from "../lib/resourceTypes";

/** Clusters collect Container Insights metrics. */
export const ecsContainerInsights: ResourceValidationPolicy = {
  name: "ecs-container-insights",
  description:
    "ECS clusters must enable Container Insights so task health and resource use are observable. (Security Hub ECS.12)",
  enforcementLevel: "advisory",
  validateResource: requireOfType(
    TYPES.cluster,
    (props) => {
      const settings = (props.settings as { name: string; value: string }[] | undefined) ?? [];
      const insights = settings.find((setting) => setting.name === "containerInsights");
      return insights !== undefined && ["enabled", "enhanced"].includes(insights.value);
    },
    'Set settings: [{ name: "containerInsights", value: "enabled" }] on the cluster.',
  ),
};
