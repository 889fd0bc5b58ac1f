import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeContainers } from "../lib/judgeContainers";
import { stringListSetting } from "../lib/ruleSettings";

const canonical = (capability: string) => capability.toUpperCase().replace(/^CAP_/, "");

/** No container adds Linux capabilities beyond what the team allows. */
export const ecsContainerNoAddedCapabilities: ResourceValidationPolicy = {
  name: "ecs-container-no-added-capabilities",
  description:
    "Containers must not add Linux capabilities (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL…): each one " +
    "widens what a compromised process can do to the kernel and its neighbours. Fargate accepts " +
    "only SYS_PTRACE (ECS API reference KernelCapabilities); EC2 and Batch accept all. " +
    "(NIST SP 800-190 §4.4)",
  enforcementLevel: "mandatory",
  configSchema: stringListSetting(
    "allowedCapabilities",
    [],
    "Capabilities a container may add (e.g. SYS_PTRACE for a profiler).",
  ),
  validateResource: judgeContainers((args) => {
    const { allowedCapabilities } = args.getConfig<{ allowedCapabilities?: string[] }>();
    const allowed = new Set((allowedCapabilities ?? []).map(canonical));
    return {
      reads: ["linuxParameters.capabilities"],
      judgeContainer: (container, report) => {
        // ALL is Docker's "every capability" (docker run --cap-add=ALL); allowing it by config
        // is the team's explicit choice, so it is compared like any other name.
        const added = container.capabilitiesAdded.filter((c) => !allowed.has(canonical(c)));
        if (added.length > 0) {
          report(
            `Container ${container.name} adds the Linux capabilities ${added.join(", ")}; remove linuxParameters.capabilities.add.`,
          );
        }
      },
    };
  }),
};
