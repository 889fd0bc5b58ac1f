import { ResourceValidationPolicy } from "@pulumi/policy";
import { parseContainerDefinitions } from "../lib/containerDefinitions";
import { TYPES } from "../lib/resourceTypes";

const DEFAULT_SECRET_NAME_PATTERN = "(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|ACCESS_KEY)";

/** No privileged containers, no host networking, no secret-looking plain environment values. */
export const ecsContainerHardening: ResourceValidationPolicy = {
  name: "ecs-container-hardening",
  description:
    "Containers must not be privileged or use host networking, and secrets belong in `secrets` " +
    "(Secrets Manager / SSM), not plain `environment` values anyone with ecs:DescribeTaskDefinition can read. " +
    "(Security Hub ECS.4, ECS.8; NIST SP 800-190)",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      secretNamePattern: { type: "string", default: DEFAULT_SECRET_NAME_PATTERN },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.taskDefinition) {
      return;
    }
    if (args.props.networkMode === "host") {
      reportViolation("networkMode is host; use awsvpc.");
    }
    const { secretNamePattern } = args.getConfig<{ secretNamePattern: string }>();
    const secretName = new RegExp(secretNamePattern ?? DEFAULT_SECRET_NAME_PATTERN, "i");
    for (const container of parseContainerDefinitions(args.props.containerDefinitions) ?? []) {
      const name = container.name ?? "(unnamed)";
      if (container.privileged === true) {
        reportViolation(`Container ${name} is privileged; remove privileged: true.`);
      }
      for (const variable of container.environment ?? []) {
        if (variable.name && secretName.test(variable.name)) {
          reportViolation(
            `Container ${name} has ${variable.name} in plain environment; move it to secrets.`,
          );
        }
      }
    }
  },
};
