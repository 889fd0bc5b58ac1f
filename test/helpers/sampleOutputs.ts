import type { StackOutputs } from "../../lib/stackOutputs";

/** The shared outputs of a deployed stack (placeholders), with a test's own values on top. */
export function sampleOutputs(overrides: Partial<StackOutputs> = {}): StackOutputs {
  return {
    vpcId: "vpc-0abc1234",
    privateSubnetIds: ["subnet-0abc1234"],
    clusterName: "c",
    serviceName: "s",
    taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/t:1",
    taskRoleArn: "arn:aws:iam::123456789012:role/t",
    containerLogGroupName: "/fargate-access/dev/workload",
    strategies: [],
    ...overrides,
  };
}
