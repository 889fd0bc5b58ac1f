import { ResourceValidation } from "@pulumi/policy";

/** Pulumi type tokens the rules apply to (no @pulumi/aws import: the pack starts faster). */
export const TYPES = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  policy: "aws:iam/policy:Policy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePoliciesExclusive: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  rolePolicyAttachmentsExclusive:
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
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
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  schedule: "aws:scheduler/schedule:Schedule",
  pipe: "aws:pipes/pipe:Pipe",
  batchJobDefinition: "aws:batch/jobDefinition:JobDefinition",
  batchComputeEnvironment: "aws:batch/computeEnvironment:ComputeEnvironment",
  route: "aws:ec2/route:Route",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  vpc: "aws:ec2/vpc:Vpc",
  kmsKey: "aws:kms/key:Key",
} as const;

/**
 * A resource rule's check for one type. The type is also attached as `__pulumiType`, the mark
 * @pulumi/policy's own validateResourceOfType sets (policy.js getPulumiType), so the policy
 * server skips every other resource before deserializing its properties (server.js, "Fast check
 * to see if the policy isn't applicable"): the pack's cost per resource stays flat as rules split.
 */
/**
 * A rule over one type with a single condition: `violation` is reported for each resource whose
 * properties do not meet it.
 */
export function requireOfType(
  type: string,
  isMet: (props: Record<string, unknown>) => boolean,
  violation: string,
): ResourceValidation {
  return forType(type, (args, reportViolation) => {
    if (!isMet(args.props)) reportViolation(violation);
  });
}

export function forType(type: string, validate: ResourceValidation): ResourceValidation {
  const checked: ResourceValidation = (args, reportViolation) =>
    args.type === type ? validate(args, reportViolation) : undefined;
  return Object.assign(checked, { __pulumiType: type });
}

/**
 * One check for several types: a single function that runs `validate` on resources of `types`
 * and does nothing on others. Not a list of `forType` checks: the policy server builds the whole
 * argument object (properties proxy, options, provider, config and report closures) and awaits
 * each function of a rule's list on every resource, as its fast type skip applies to a single
 * function only (@pulumi/policy server.js makeAnalyzeRpcFun); with six or eleven types per rule
 * that was most of the Analyze calls' cost. What is reported is the same: each type's check ran
 * `validate` on its own type only. No `__pulumiType`: the server's skip takes one type.
 */
export function forTypes(
  types: readonly string[],
  validate: ResourceValidation,
): ResourceValidation {
  const applies = new Set(types);
  return (args, reportViolation) =>
    applies.has(args.type) ? validate(args, reportViolation) : undefined;
}
