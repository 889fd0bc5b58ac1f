import { PolicyResource } from "@pulumi/policy";
import { Undecided } from "../lib/unknowns";

/**
 * What the stack exposes to anyone on the internet, whatever provider wrote it. Today: Lambda
 * functions that anyone may call.
 *
 * - A resource-based policy statement for principal `*` lets every caller, signed or not, invoke
 *   the function, unless a condition narrows it: AddPermission's `SourceArn`, `SourceAccount` and
 *   `PrincipalOrgID` become `aws:SourceArn` / `aws:SourceAccount` / `aws:PrincipalOrgID`
 *   conditions, which an anonymous caller cannot meet (AWS Lambda developer guide, "Working with
 *   resource-based IAM policies in Lambda"; Lambda API reference, AddPermission).
 * - A function URL with auth type `NONE` makes Lambda skip authentication: "Choose this option to
 *   allow public, unauthenticated access to your function URL" (Lambda developer guide, "Control
 *   access to Lambda function URLs").
 */
export interface Exposure {
  /** The resource that opens the function. */
  resource: PolicyResource;
  /** The function as the resource names it (name or ARN). */
  target: string;
  /** Why it is public, for messages. */
  how: string;
}

/** Where each provider keeps the fields of a Lambda permission or function URL. */
interface Spelling {
  /** The function the resource opens. */
  target: string;
  principal?: string;
  /** Fields whose presence narrows a `*` principal to callers that can meet a condition. */
  narrowing?: string[];
  /** The auth type field of a function URL. */
  authType?: string;
}

/**
 * Pulumi AWS `aws.lambda.Permission` / `aws.lambda.FunctionUrl` and AWS Cloud Control
 * `aws-native` `AWS::Lambda::Permission` / `AWS::Lambda::Url` (CloudFormation resource
 * reference: Principal, SourceArn, SourceAccount, PrincipalOrgID; Url AuthType, TargetFunctionArn).
 */
export const LAMBDA_EXPOSURE_SPELLINGS: Record<string, Spelling> = {
  "aws:lambda/permission:Permission": {
    target: "function",
    principal: "principal",
    narrowing: ["sourceArn", "sourceAccount", "principalOrgId"],
  },
  "aws-native:lambda:Permission": {
    target: "functionName",
    principal: "principal",
    narrowing: ["sourceArn", "sourceAccount", "principalOrgId"],
  },
  "aws:lambda/functionUrl:FunctionUrl": { target: "functionName", authType: "authorizationType" },
  "aws-native:lambda:Url": { target: "targetFunctionArn", authType: "authType" },
};

/** `*` in any spelling the Lambda API takes for "everyone" (a bare `*`, maybe padded). */
function isEveryone(principal: unknown): boolean {
  return typeof principal === "string" && principal.trim() === "*";
}

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

/** The exposure one resource creates, if any. */
export function exposureOf(resource: PolicyResource): Exposure | undefined {
  const spelling = LAMBDA_EXPOSURE_SPELLINGS[resource.type];
  if (!spelling) {
    return undefined;
  }
  const props = resource.props;
  const target = String(props[spelling.target] ?? "(unnamed function)");
  if (spelling.principal && isEveryone(props[spelling.principal])) {
    const narrowed = (spelling.narrowing ?? []).filter((field) => present(props[field]));
    if (narrowed.length === 0) {
      return { resource, target, how: `permission ${resource.name} grants principal "*"` };
    }
  }
  if (spelling.authType && String(props[spelling.authType]).toUpperCase() === "NONE") {
    return { resource, target, how: `function URL ${resource.name} has auth type NONE` };
  }
  return undefined;
}

/** Every exposure of the stack; a resource with unknown values is noted as undecided. */
export function lambdaExposures(resources: PolicyResource[], undecided: Undecided): Exposure[] {
  return resources.flatMap((resource) =>
    resource.type in LAMBDA_EXPOSURE_SPELLINGS
      ? (undecided.attemptOn(resource, () => exposureOf(resource)) ?? [])
      : [],
  );
}
