import * as pulumi from "@pulumi/pulumi";

/** One IAM policy statement, typed so tests and the policy pack see the same structure. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: pulumi.Input<string>[];
  Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

/** A trust-policy statement: who may assume a role. */
export interface TrustStatement {
  Effect: "Allow";
  Action: string[];
  Principal: { Service: string } | { AWS: string[] };
  Condition?: Record<string, Record<string, pulumi.Input<string>>>;
}

type Condition = PolicyStatement["Condition"];

/** `*` is only allowed for actions that IAM cannot scope to a resource; callers say so. */
export const ALL_RESOURCES = "*";

/** A statement that allows `actions` on `resources` (under `condition`, when given). */
export const allow = statementOf("Allow");
/** A statement that denies `actions` on `resources` (under `condition`, when given). */
export const deny = statementOf("Deny");

function statementOf(effect: PolicyStatement["Effect"]) {
  return (
    sid: string,
    actions: string[],
    resources: pulumi.Input<string>[],
    condition?: Condition,
  ): PolicyStatement => statement(effect, sid, actions, resources, condition);
}

function statement(
  effect: PolicyStatement["Effect"],
  sid: string,
  actions: string[],
  resources: pulumi.Input<string>[],
  condition: Condition,
): PolicyStatement {
  return {
    Sid: sid,
    Effect: effect,
    Action: actions,
    Resource: resources,
    ...withCondition(condition),
  };
}

function withCondition(condition: Condition): Pick<PolicyStatement, "Condition"> {
  return condition ? { Condition: condition } : {};
}

/** Serialises statements into a policy document once every input is known. */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** A role trust policy for an AWS service, pinned to this account (confused-deputy guard). */
export function serviceTrustPolicy(
  service: string,
  accountId: pulumi.Input<string>,
  sourceArnLike?: pulumi.Input<string>,
): pulumi.Output<string> {
  const condition: Record<string, Record<string, pulumi.Input<string>>> = {
    StringEquals: { "aws:SourceAccount": accountId },
  };
  if (sourceArnLike !== undefined) {
    condition.ArnLike = { "aws:SourceArn": sourceArnLike };
  }
  const statement: TrustStatement = {
    Effect: "Allow",
    Action: ["sts:AssumeRole"],
    Principal: { Service: service },
    Condition: condition,
  };
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: [statement] });
}

/** A role trust policy for the given IAM principals (operators). */
export function principalsTrustPolicy(principals: string[]): pulumi.Output<string> {
  const statement: TrustStatement = {
    Effect: "Allow",
    Action: ["sts:AssumeRole"],
    Principal: { AWS: principals },
  };
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: [statement] });
}
