import { ResourceValidationPolicy } from "@pulumi/policy";
import { containerName, parseContainerDefinitions } from "../lib/containerDefinitions";
import { forType, TYPES } from "../lib/resourceTypes";
import { isReferenceValue } from "../lib/secretShapes";

const DEFAULT_SECRET_NAME_PATTERN = "(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|ACCESS_KEY)";

/** No plain environment variable is named like a secret, unless its value is only a reference. */
export const ecsContainerEnvSecretNames: ResourceValidationPolicy = {
  name: "ecs-container-env-secret-names",
  description:
    "Plain container environment variables named like secrets (PASSWORD, TOKEN, API_KEY…) must move " +
    "to `secrets`; a value that is an ARN or a URL without credentials is a reference and passes. " +
    "(Security Hub ECS.8)",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      secretNamePattern: { type: "string", default: DEFAULT_SECRET_NAME_PATTERN },
    },
  },
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    const { secretNamePattern } = args.getConfig<{ secretNamePattern?: string }>();
    const secretName = new RegExp(secretNamePattern ?? DEFAULT_SECRET_NAME_PATTERN, "i");
    for (const container of parseContainerDefinitions(args.props.containerDefinitions) ?? []) {
      for (const { name, value } of container.environment ?? []) {
        const reference = typeof value === "string" && (value === "" || isReferenceValue(value));
        if (name && secretName.test(name) && !reference) {
          reportViolation(
            `Container ${containerName(container)} has ${name} in plain environment; move it to secrets.`,
          );
        }
      }
    }
  }),
};
