import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StrategyName } from "./registry";
import { AwsContext } from "../components/awsContext";
import { roleNamePrefix } from "../lib/physicalName";
import { PolicyStatement, policyDocument, principalsTrustPolicy } from "../components/iam";
import { WorkloadContribution } from "../components/contribution";
import { Workload } from "../components/workload";

/** What a strategy attaches its resources to, once the shared workload exists. */
export interface AccessTarget {
  workload: Workload;
  context: AwsContext;
  logRetentionDays: number;
  /** Variables a one-off run's container overrides must carry (merged contributions). */
  oneOffEnvironment: Record<string, string>;
}

/** Stack outputs a strategy adds, by the names its module declares (`outputs`). */
export type StrategyOutputs<Output extends string = string> = Record<Output, pulumi.Output<string>>;

/**
 * An access strategy: a component built in two steps. The constructor creates only what the
 * workload must reference (e.g. an exec log group) and states its `contribution`; `attach` then
 * adds roles, functions and state machines around the finished workload.
 */
export interface AccessStrategy<Output extends string = string> {
  readonly strategyName: StrategyName;
  readonly contribution: WorkloadContribution;
  attach(target: AccessTarget): StrategyOutputs<Output>;
}

/** Tags that mark a resource as belonging to one strategy (on top of the provider defaults). */
export function strategyTags(strategy: StrategyName): Record<string, string> {
  return { "fargate-access:strategy": strategy };
}

/** Explains an empty operator list in the output instead of leaving it blank. */
function noOperatorRole(configKey: string): pulumi.Output<string> {
  return pulumi.output(`none: set ${configKey}.operatorPrincipals to create an operator role`);
}

export interface OperatorRoleArgs {
  strategy: StrategyName;
  /** Who may assume the role; empty → no role. */
  principals: string[];
  description: string;
  statements: PolicyStatement[];
}

/**
 * The operator role of a strategy, assumable only by its `operatorPrincipals`, with one inline
 * policy. Returns the role ARN, or an explanation when no principals are configured.
 */
export function createOperatorRole(
  parent: pulumi.Resource,
  name: string,
  args: OperatorRoleArgs,
): pulumi.Output<string> {
  if (args.principals.length === 0) {
    return noOperatorRole(`fargate-access:${args.strategy}`);
  }
  const role = new aws.iam.Role(
    `${name}-operator-role`,
    {
      namePrefix: roleNamePrefix(pulumi.getProject(), pulumi.getStack(), `${name}-operator`),
      description: args.description,
      assumeRolePolicy: principalsTrustPolicy(args.principals),
      maxSessionDuration: 3600,
      tags: strategyTags(args.strategy),
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${name}-operator-policy`,
    { role: role.id, policy: policyDocument(args.statements) },
    { parent },
  );
  return role.arn;
}
