import { ResourceValidationPolicy } from "@pulumi/policy";
import { stringListSetting } from "../lib/ruleSettings";
import { containerName, parseContainerDefinitions } from "../lib/containerDefinitions";
import { forType, TYPES } from "../lib/resourceTypes";

/** No container adds Linux capabilities beyond what the team allows. */
export const ecsContainerNoAddedCapabilities: ResourceValidationPolicy = {
  name: "ecs-container-no-added-capabilities",
  description:
    "Containers must not add Linux capabilities (SYS_ADMIN, NET_ADMIN, SYS_PTRACE…): each one widens " +
    "what a compromised process can do to the kernel and its neighbours. (NIST SP 800-190 §4.4; " +
    "ECS KernelCapabilities)",
  enforcementLevel: "mandatory",
  configSchema: stringListSetting(
    "allowedCapabilities",
    [],
    "Capabilities a container may add (e.g. SYS_PTRACE for a profiler).",
  ),
  validateResource: forType(TYPES.taskDefinition, (args, reportViolation) => {
    const allowed = new Set(
      (args.getConfig<{ allowedCapabilities?: string[] }>().allowedCapabilities ?? []).map((c) =>
        c.toUpperCase().replace(/^CAP_/, ""),
      ),
    );
    for (const container of parseContainerDefinitions(args.props.containerDefinitions) ?? []) {
      const added = (container.linuxParameters?.capabilities?.add ?? []).filter(
        (capability) => !allowed.has(String(capability).toUpperCase().replace(/^CAP_/, "")),
      );
      if (added.length > 0) {
        reportViolation(
          `Container ${containerName(container)} adds the Linux capabilities ${added.join(", ")}; remove linuxParameters.capabilities.add.`,
        );
      }
    }
  }),
};
