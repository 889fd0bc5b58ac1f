import * as pulumi from "@pulumi/pulumi";
import { awslogsStreamPrefix } from "../lib/awslogs";

export interface ContainerDefinitionArgs {
  /** `service.containerName` (default `app`). */
  name: string;
  /** The image URI the task pulls. */
  image: pulumi.Input<string>;
  /** `service.command`; default: the image's CMD. */
  command?: string[];
  /** A strategy's entry point (Session Manager's); default: the image's ENTRYPOINT. */
  entryPoint?: string[];
  /** Variables the strategies contribute. */
  environment: Record<string, pulumi.Input<string>>;
  /** The awslogs group the container writes to. */
  logGroupName: pulumi.Input<string>;
  /** The region of that log group. */
  region: pulumi.Input<string>;
}

/**
 * The one container of the task. `initProcessEnabled` is always on: it reaps the zombie
 * processes SSM sessions leave behind, and the policy pack requires it.
 */
export function buildContainerDefinition(args: ContainerDefinitionArgs) {
  const environment = Object.entries(args.environment)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));
  return {
    name: args.name,
    image: args.image,
    essential: true,
    privileged: false,
    ...(args.entryPoint ? { entryPoint: args.entryPoint } : {}),
    ...(args.command ? { command: args.command } : {}),
    environment,
    linuxParameters: { initProcessEnabled: true },
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": args.logGroupName,
        "awslogs-region": args.region,
        "awslogs-stream-prefix": awslogsStreamPrefix(args.name),
      },
    },
  };
}
