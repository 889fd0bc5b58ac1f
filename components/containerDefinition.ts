import * as pulumi from "@pulumi/pulumi";
import { awslogsStreamPrefix } from "../lib/awslogs";

export interface ContainerDefinitionArgs {
  name: string;
  image: pulumi.Input<string>;
  command?: string[];
  entryPoint?: string[];
  environment: Record<string, pulumi.Input<string>>;
  logGroupName: pulumi.Input<string>;
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
