import { FieldReader } from "./containerFields";
import { field, JsonValue } from "./goJson";
import { plainJson } from "./plainJson";

/** A policy document as found, with where it was found (for messages); `undefined`: not literal. */
export interface FoundDocument {
  document: unknown;
  where: string;
}

/** What one IAM-shaped CloudFormation resource grants, trusts and attaches. */
export interface CloudFormationGrants {
  /** Identity policies: what the principal may do. */
  documents: FoundDocument[];
  /** A role's trust policy: who may assume it. */
  trusts: FoundDocument[];
  /** Managed policies attached as permissions (never a permissions boundary). */
  managedPolicyArns: string[];
  /** Parts of a template resource whose value cannot be known (templateIntrinsics.ts), named. */
  unknowns: string[];
}

/**
 * Where each CloudFormation IAM type keeps its documents (AWS CloudFormation Template Reference:
 * AWS::IAM::Role `Policies[].PolicyDocument`, `ManagedPolicyArns`, `AssumeRolePolicyDocument`;
 * AWS::IAM::User and AWS::IAM::Group `Policies`, `ManagedPolicyArns`; AWS::IAM::Policy,
 * ManagedPolicy, RolePolicy, UserPolicy, GroupPolicy `PolicyDocument`; AWS::SSO::PermissionSet
 * `InlinePolicy`, `ManagedPolicies`). `PermissionsBoundary` is not read: "Policies used as
 * permissions boundaries don't provide permissions" (AWS::SSO::PermissionSet PermissionsBoundary;
 * IAM User Guide, "Permissions boundaries for IAM entities").
 */
interface Shape {
  inlineList?: boolean;
  document?: string;
  managed?: string;
  trust?: string;
}

const SHAPES: Record<string, Shape> = {
  "AWS::IAM::Role": {
    inlineList: true,
    managed: "ManagedPolicyArns",
    trust: "AssumeRolePolicyDocument",
  },
  "AWS::IAM::User": { inlineList: true, managed: "ManagedPolicyArns" },
  "AWS::IAM::Group": { inlineList: true, managed: "ManagedPolicyArns" },
  "AWS::IAM::Policy": { document: "PolicyDocument" },
  "AWS::IAM::ManagedPolicy": { document: "PolicyDocument" },
  "AWS::IAM::RolePolicy": { document: "PolicyDocument" },
  "AWS::IAM::UserPolicy": { document: "PolicyDocument" },
  "AWS::IAM::GroupPolicy": { document: "PolicyDocument" },
  "AWS::SSO::PermissionSet": { document: "InlinePolicy", managed: "ManagedPolicies" },
};

/** True for the CloudFormation types this file reads. */
export function isCloudFormationIamType(type: unknown): type is string {
  return typeof type === "string" && type in SHAPES;
}

/**
 * The grants of one CloudFormation IAM resource from its `Properties`. Names are matched without
 * regard to case (goJson `field`), so the same reader serves a template's PascalCase and
 * aws-native's camelCase properties (aws-native is generated from the CloudFormation schemas).
 */
export function cloudFormationGrants(
  type: string,
  properties: JsonValue | undefined,
): CloudFormationGrants {
  const shape = SHAPES[type] ?? {};
  const read = new FieldReader();
  const grants: CloudFormationGrants = {
    documents: [],
    trusts: [],
    managedPolicyArns: [],
    unknowns: [],
  };
  if (shape.document) {
    grants.documents.push({ document: plainJson(field(properties, shape.document)), where: "" });
  }
  if (shape.inlineList) {
    read.list(properties, "Policies").forEach((inline, index) => {
      const name = read.string(inline, "PolicyName") ?? `Policies[${index}]`;
      grants.documents.push({
        document: plainJson(field(inline, "PolicyDocument")),
        where: `inline policy ${name}`,
      });
    });
  }
  if (shape.trust) {
    grants.trusts.push({ document: plainJson(field(properties, shape.trust)), where: "" });
  }
  if (shape.managed) {
    for (const arn of read.list(properties, shape.managed)) {
      if (typeof arn === "string" && arn !== "") grants.managedPolicyArns.push(arn);
    }
  }
  return grants;
}
