import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement, operatorTrustPolicy, policyDocument } from "../components/iam";
import { roleNamePrefix } from "../lib/physicalName";
import { strategyTags } from "./accessStrategy";
import type { OperatorIdentity } from "./operatorIdentity";
import type { StrategyName } from "./strategyName";

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
  /** What the trust asks of the person assuming the role (the strategy's config). */
  identity: OperatorIdentity;
}

/**
 * The operator role of a strategy, assumable only by its `operatorPrincipals` (with a source
 * identity naming the person, and MFA, as configured), with one inline policy. Returns the role
 * ARN, or an explanation when no principals are configured.
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
      assumeRolePolicy: operatorTrustPolicy(args.principals, args.identity),
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
