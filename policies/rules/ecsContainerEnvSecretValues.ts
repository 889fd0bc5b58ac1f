import { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSetting } from "../lib/ruleSettings";
import { containerName, parseContainerDefinitions } from "../lib/containerDefinitions";
import { forType, TYPES } from "../lib/resourceTypes";
import { secretShapeOf } from "../lib/secretShapes";

/** No plain environment value looks like a credential, whatever the variable is called. */
export const ecsContainerEnvSecretValues: ResourceValidationPolicy = {
  name: "ecs-container-env-secret-values",
  description:
    "Plain container environment values must not look like credentials (an AWS access key id, a " +
    "private key, a password inside a URL, a token): anyone with ecs:DescribeTaskDefinition reads " +
    "them. Pass them through `secrets` (Secrets Manager / SSM Parameter Store). (Security Hub ECS.8, cdk-nag ECS2)",
  enforcementLevel: "mandatory",
  configSchema: stringListSetting(
    "extraValuePatterns",
    [],
    "More regular expressions a secret value matches.",
  ),
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    const { extraValuePatterns } = args.getConfig<{ extraValuePatterns?: string[] }>();
    for (const container of parseContainerDefinitions(args.props.containerDefinitions) ?? []) {
      for (const variable of container.environment ?? []) {
        const kind =
          typeof variable.value === "string"
            ? secretShapeOf(variable.value, extraValuePatterns)
            : undefined;
        if (kind) {
          reportViolation(
            `Container ${containerName(container)}: the value of ${variable.name} looks like ${kind}; move it to secrets.`,
          );
        }
      }
    }
  }),
};
