import type { Claim } from "./strategyModule";

/**
 * The amazon-ssm-agent's IPC folder is compiled in (amazon-ssm-agent
 * common/message/model_unix.go: /var/lib/amazon/ssm/ipc/): two agents in one container (ECS
 * Exec's, and the image's own for a hybrid activation) would share its sockets.
 */
export const SSM_AGENT_IPC: Claim = {
  id: "ssm-agent-ipc",
  reason:
    "each runs an SSM agent in the container and both use the fixed IPC folder /var/lib/amazon/ssm/ipc, so one breaks the other",
};
