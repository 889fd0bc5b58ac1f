import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeContainers } from "../lib/judgeContainers";
import { Container, RunnableTask } from "../model/containers";

/**
 * Host paths that hand a container the Docker daemon: the socket itself, or a folder holding it
 * (`/var/run` is a link to `/run` on current distributions, so both spellings are the same file).
 * Whoever talks to the daemon starts privileged containers on the host (Docker docs "Docker
 * daemon attack surface": "only trusted users should be allowed to control your Docker daemon").
 */
const DOCKER_SOCKET_PATHS = ["/var/run/docker.sock", "/run/docker.sock"];

/** `/var//run/./docker.sock/` → `/var/run/docker.sock`. */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function exposesDockerSocket(hostPath: string): boolean {
  const path = normalisePath(hostPath);
  return DOCKER_SOCKET_PATHS.some(
    (socket) => socket === path || socket.startsWith(path === "/" ? "/" : `${path}/`),
  );
}

function dockerSocketMounts(task: RunnableTask, container: Container): string[] {
  return container.mountPoints.flatMap((mount) => {
    const volume = task.volumes.find((v) => v.name === mount.sourceVolume);
    return volume?.hostPath !== undefined && exposesDockerSocket(volume.hostPath)
      ? [`${volume.hostPath} (volume ${volume.name} at ${mount.containerPath ?? "?"})`]
      : [];
  });
}

/** Tasks share neither the host's process nor IPC namespace, nor its Docker daemon. */
export const ecsTaskNoHostEscapes: ResourceValidationPolicy = {
  name: "ecs-task-no-host-escapes",
  description:
    "Tasks must not join the host's namespaces or reach its Docker daemon: pidMode host lets a " +
    "container see and signal every process of the instance, ipcMode host shares its shared memory, " +
    "and a host volume with the Docker socket (/var/run/docker.sock) starts anything on the host. " +
    'Fargate rejects all three (ECS API reference TaskDefinition pidMode: on Fargate "the only ' +
    'valid value is task"; ipcMode: "not supported for … tasks run on Fargate"; ' +
    "HostVolumeProperties sourcePath: Fargate does not bind host paths), EC2 and Batch on EC2 " +
    "run them. (NIST SP 800-190; CIS Docker Benchmark: host PID and IPC namespaces not shared, Docker socket not mounted)",
  enforcementLevel: "mandatory",
  validateResource: judgeContainers(() => ({
    reads: ["mountPoints"],
    readsTask: ["pidMode", "ipcMode", "volumes"],
    judgeTask: (task, report) => {
      for (const [field, mode] of [
        ["pidMode", task.pidMode],
        ["ipcMode", task.ipcMode],
      ] as const) {
        if (mode?.toLowerCase() === "host") {
          report(
            `${field} is host: the containers share the host's namespace; use task or leave it unset.`,
          );
        }
      }
    },
    judgeContainer: (container, report) => {
      const mounts = dockerSocketMounts(container.task, container);
      if (mounts.length > 0) {
        report(
          `Container ${container.name} mounts the host's Docker socket: ${mounts.join(", ")}; remove the host volume.`,
        );
      }
    },
  })),
};
