import { PolicyResource } from "@pulumi/policy";
import { NormalizedStatement, parsePolicyDocument } from "./iamDocument";
import { awsManagedPolicyDocument, isAwsManagedPolicyArn } from "./managedPolicies";
import { attachedPolicyArnsOf, policyDocumentsOf, rolesOf, stringList } from "./policyDocuments";
import { TYPES } from "./resourceTypes";

/** Where a role's statements come from, for messages. */
export interface RoleDocument {
  /** `inline policy of r0`, `aws:iam/rolePolicy r3`, `arn:aws:iam::aws:policy/…`. */
  source: string;
  /** The managed policy ARN when the document is an AWS managed policy's. */
  awsManagedArn?: string;
  statements: NormalizedStatement[];
}

/** What a stack grants one role, and what could not be read (unknown during a preview). */
export interface RoleGrants {
  documents: RoleDocument[];
  /** Documents or references not known yet, or AWS managed policies the data does not hold. */
  unknown: string[];
}

/**
 * The names a role may be referred to by: the engine gives stack rules the inputs and, once
 * known, the outputs (`name`, `id` = the name, `arn`); attachments refer to it by name or ARN.
 */
export function referencesOf(resource: PolicyResource): Set<string> {
  return new Set(stringList([resource.props.name, resource.props.id, resource.props.arn]));
}

function refersTo(values: string[], references: Set<string>): boolean {
  return values.some((value) => references.has(value));
}

/** The roles of the stack that `reference` (a name or ARN) points to. */
export function rolesReferredBy(resources: PolicyResource[], reference: unknown): PolicyResource[] {
  if (typeof reference !== "string" || reference === "") {
    return [];
  }
  return resources.filter(
    (resource) => resource.type === TYPES.role && referencesOf(resource).has(reference),
  );
}

function parsedDocument(source: string, document: unknown, grants: RoleGrants, arn?: string) {
  const parsed = parsePolicyDocument(document);
  if (parsed.kind === "parsed") {
    grants.documents.push({ source, awsManagedArn: arn, statements: parsed.statements });
  } else if (parsed.kind === "unknown") {
    grants.unknown.push(source);
  }
}

/**
 * Every statement that reaches a role, however the stack attaches it: the role's inline policies
 * and managed policy ARNs, `aws:iam/rolePolicy`, `rolePolicyAttachment`, `policyAttachment`,
 * `rolePolicyAttachmentsExclusive` — customer managed policies (`aws:iam/policy` of the stack,
 * matched by ARN) and AWS managed ones (their published documents). `rolePoliciesExclusive` and
 * `rolePolicyAttachmentsExclusive` remove what they do not list (Pulumi AWS provider docs), so
 * those are left out.
 */
export function statementsOfRole(resources: PolicyResource[], role: PolicyResource): RoleGrants {
  const references = referencesOf(role);
  const forRole = resources.filter((resource) =>
    refersTo(rolesOf(resource.type, resource.props), references),
  );
  const exclusiveNames = forRole
    .filter((resource) => resource.type === TYPES.rolePoliciesExclusive)
    .map((resource) => new Set(stringList(resource.props.policyNames)));
  const exclusiveArns = forRole
    .filter((resource) => resource.type === TYPES.rolePolicyAttachmentsExclusive)
    .map((resource) => new Set(stringList(resource.props.policyArns)));
  const keepsInline = (name: unknown) =>
    exclusiveNames.every((names) => typeof name === "string" && names.has(name));
  const grants: RoleGrants = { documents: [], unknown: [] };

  const inline =
    (role.props.inlinePolicies as { name?: unknown; policy?: unknown }[] | undefined) ?? [];
  for (const policy of inline.filter((candidate) => keepsInline(candidate.name))) {
    parsedDocument(`inline policy ${String(policy.name)} of ${role.name}`, policy.policy, grants);
  }
  for (const rolePolicy of forRole.filter((resource) => resource.type === TYPES.rolePolicy)) {
    if (keepsInline(rolePolicy.props.name)) {
      for (const document of policyDocumentsOf(rolePolicy.type, rolePolicy.props)) {
        parsedDocument(`${rolePolicy.type} ${rolePolicy.name}`, document, grants);
      }
    }
  }

  const arns = new Set([
    ...attachedPolicyArnsOf(role.type, role.props),
    ...forRole.flatMap((resource) => attachedPolicyArnsOf(resource.type, resource.props)),
  ]);
  for (const arn of arns) {
    if (!exclusiveArns.every((kept) => kept.has(arn))) {
      continue;
    }
    if (isAwsManagedPolicyArn(arn)) {
      const document = awsManagedPolicyDocument(arn);
      if (document === undefined) {
        grants.unknown.push(arn);
      } else {
        parsedDocument(arn, document, grants, arn);
      }
      continue;
    }
    const policy = resources.find(
      (resource) => resource.type === TYPES.policy && referencesOf(resource).has(arn),
    );
    if (policy) {
      parsedDocument(`${policy.type} ${policy.name}`, policy.props.policy, grants);
    } else {
      // A customer managed policy made outside this stack: its document is not visible here.
      grants.unknown.push(arn);
    }
  }
  return grants;
}

/** Every statement of `statementsOfRole`, flattened. */
export function allStatements(grants: RoleGrants): NormalizedStatement[] {
  return grants.documents.flatMap((document) => document.statements);
}

/** Roles that a task definition of the stack runs its tasks as (`taskRoleArn`). */
export function taskRoles(resources: PolicyResource[]): PolicyResource[] {
  const found = resources
    .filter((resource) => resource.type === TYPES.taskDefinition)
    .flatMap((definition) => rolesReferredBy(resources, definition.props.taskRoleArn));
  return [...new Set(found)];
}
