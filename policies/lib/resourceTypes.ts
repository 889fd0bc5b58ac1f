/** Pulumi type tokens the rules apply to (no @pulumi/aws import: the pack starts faster). */
export const TYPES = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  policy: "aws:iam/policy:Policy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  service: "aws:ecs/service:Service",
  taskSet: "aws:ecs/taskSet:TaskSet",
  cluster: "aws:ecs/cluster:Cluster",
  stateMachine: "aws:sfn/stateMachine:StateMachine",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  lambdaFunction: "aws:lambda/function:Function",
  subnet: "aws:ec2/subnet:Subnet",
  awsxVpc: "awsx:ec2:Vpc",
  serviceSetting: "aws:ssm/serviceSetting:ServiceSetting",
} as const;
