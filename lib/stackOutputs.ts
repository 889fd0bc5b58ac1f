import type { StrategyOutputName } from "../strategies/strategyOutputs";

/** The outputs every stack has, whatever it selects (design.md §2). */
export interface SharedOutputs {
  vpcId: string;
  privateSubnetIds: string[];
  clusterName: string;
  serviceName: string;
  taskDefinitionArn: string;
  taskRoleArn: string;
  /** The workload's awslogs group: where a run's container log lines go. */
  containerLogGroupName: string;
  /** The selected strategies. */
  strategies: string[];
}

/**
 * A stack's outputs, as the program returns them and `pulumi stack output --json` prints them:
 * the shared ones, and those of each selected strategy (declared by its module).
 */
export type StackOutputs = SharedOutputs & Partial<Record<StrategyOutputName, string>>;

/** What each shared output holds, for the README. */
export const SHARED_OUTPUT_DOCS: Record<keyof SharedOutputs, string> = {
  vpcId: "the VPC the tasks run in",
  privateSubnetIds: "the private subnets the tasks run in",
  clusterName: "the ECS cluster",
  serviceName: "the always-on service",
  taskDefinitionArn: "the task definition every strategy runs",
  taskRoleArn: "the role the containers run as",
  containerLogGroupName: "the workload's awslogs group, which `npm run task` streams from",
  strategies: "the selected strategies",
};
