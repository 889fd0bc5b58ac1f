import { PolicyResource } from "@pulumi/policy";
import { NormalizedStatement, parsePolicyDocument } from "./iamDocument";
import { awsManagedPolicyDocument, isAwsManagedPolicyArn } from "./managedPolicies";
import {
  attachedPolicyArnsOf,
  policyDocumentsOf,
  rolePropertyOf,
  rolesOf,
  stringList,
} from "./policyDocuments";
import { TYPES } from "./resourceTypes";
import { isUnknownValue, Undecided } from "./unknowns";

/** A property a preview has not computed yet. */
export interface Pending {
  resource: PolicyResource;
  key: string;
}

/** Tells `undecided` about each pending property (reading it again raises the proxy's error). */
export function notePending(undecided: Undecided, pending: Pending[]): void {
  for (const { resource, key } of pending) {
    undecided.attempt(`${resource.name}.${key}`, () => resource.props[key], resource.urn);
  }
}

interface KnownProps {
  props: Record<string, unknown>;
  /** Properties a preview has not computed yet. */
  unknown: string[];
}

const knownCache = new WeakMap<PolicyResource, KnownProps>();

/**
 * A resource's properties as far as they are known: the server's proxy throws on reading a value
 * a preview has not computed, so each property is read on its own (nested values included) and
 * an unknown one is left out and named, so one unknown does not stop the rest.
 */
export function knownProps(resource: PolicyResource): KnownProps {
  let known = knownCache.get(resource);
  if (!known) {
    known = { props: {}, unknown: [] };
    for (const key of Object.keys(resource.props)) {
      try {
        const value = resource.props[key];
        JSON.stringify(value); // reads every nested value: throws here if one is unknown
        known.props[key] = value;
      } catch (error) {
        if (!isUnknownValue(error)) {
          throw error;
        }
        known.unknown.push(key);
      }
    }
    knownCache.set(resource, known);
  }
  return known;
}

/** Where a role's statements come from, for messages. */
export interface RoleDocument {
  /** `inline policy of r0`, `aws:iam/rolePolicy r3`, `arn:aws:iam::aws:policy/…`. */
  source: string;
  /** The managed policy ARN when the document is an AWS managed policy's. */
  awsManagedArn?: string;
  statements: NormalizedStatement[];
}

/** What a stack grants one role, and what could not be read. */
export interface RoleGrants {
  documents: RoleDocument[];
  /** Policies whose documents are not visible: made outside the stack, or not in the data. */
  hidden: string[];
  /** Values a preview has not computed yet. */
  pending: Pending[];
}

/**
 * The names a role may be referred to by: the engine gives stack rules the inputs and, once
 * known, the outputs (`name`, `id` = the name, `arn`); attachments refer to it by name or ARN.
 */
export function referencesOf(resource: PolicyResource): Set<string> {
  const { props } = knownProps(resource);
  return new Set(stringList([props.name, props.id, props.arn, resource.urn]));
}

/** A role's name for messages: its `name` once known (a first preview may not know it yet). */
export function roleLabel(role: PolicyResource): string {
  return String(knownProps(role).props.name ?? role.name);
}

/**
 * The resources of `type` that a resource's `key` input was computed from, as the engine tells
 * stack rules (`PolicyResource.propertyDependencies`, @pulumi/policy). During a first preview a
 * role's name and ARN are not known yet, so an attachment's `role` cannot be matched by value;
 * its dependency still names the role. Used only for an input whose value is unknown.
 */
export function dependedOn(resource: PolicyResource, key: string, type: string): PolicyResource[] {
  const dependencies = (
    resource.propertyDependencies as Record<string, PolicyResource[]> | undefined
  )?.[key];
  return (dependencies ?? []).filter((candidate) => candidate?.type === type);
}

/** Unknown inputs the engine's dependencies resolve (see {@link dependedOn}). */
function linkedInputs(resource: PolicyResource): Set<string> {
  const linked = new Set<string>();
  const roleKey = rolePropertyOf(resource.type);
  if (roleKey && dependedOn(resource, roleKey, TYPES.role).length > 0) linked.add(roleKey);
  if (dependedOn(resource, "policyArn", TYPES.policy).length > 0) linked.add("policyArn");
  return linked;
}

/** A resource's unknown inputs that decide what it grants: outputs such as `arn` or `id` do not. */
function pendingGrantInputs(resource: PolicyResource, keys: readonly string[]): Pending[] {
  const { unknown } = knownProps(resource);
  const linked = linkedInputs(resource);
  return unknown
    .filter((key) => keys.includes(key) && !linked.has(key))
    .map((key) => ({ resource, key }));
}

/**
 * The stack's roles and what refers to them, indexed once per stack (stack rules look up every
 * role; scanning the whole stack for each one would be quadratic over 10,000 resources).
 */
interface StackIndex {
  rolesByReference: Map<string, PolicyResource[]>;
  /** Inline policies, attachments and exclusive lists, by the role name or ARN they name. */
  byRoleReference: Map<string, PolicyResource[]>;
  /** Grants by the role's references: roles are unique by name, so each is resolved once. */
  grantsByRole: Map<string, RoleGrants>;
  policiesByReference: Map<string, PolicyResource>;
}

const IAM_TYPES = new Set<string>([
  TYPES.role,
  TYPES.policy,
  TYPES.rolePolicy,
  TYPES.rolePolicyAttachment,
  TYPES.policyAttachment,
  TYPES.rolePoliciesExclusive,
  TYPES.rolePolicyAttachmentsExclusive,
]);

const indexes = new WeakMap<PolicyResource[], StackIndex>();

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function indexOf(resources: PolicyResource[]): StackIndex {
  let index = indexes.get(resources);
  if (!index) {
    index = {
      rolesByReference: new Map(),
      byRoleReference: new Map(),
      policiesByReference: new Map(),
      grantsByRole: new Map(),
    };
    for (const resource of resources.filter((candidate) => IAM_TYPES.has(candidate.type))) {
      if (resource.type === TYPES.role) {
        referencesOf(resource).forEach((reference) =>
          add(index!.rolesByReference, reference, resource),
        );
      } else if (resource.type === TYPES.policy) {
        referencesOf(resource).forEach((reference) =>
          index!.policiesByReference.set(reference, resource),
        );
      }
      const { props, unknown } = knownProps(resource);
      const roleKey = rolePropertyOf(resource.type);
      const linkedRoles =
        roleKey && unknown.includes(roleKey)
          ? dependedOn(resource, roleKey, TYPES.role).map((role) => role.urn)
          : [];
      new Set([...rolesOf(resource.type, props), ...linkedRoles]).forEach((reference) =>
        add(index!.byRoleReference, reference, resource),
      );
    }
    indexes.set(resources, index);
  }
  return index;
}

/** The roles of the stack that `reference` (a name or ARN) points to. */
export function rolesReferredBy(resources: PolicyResource[], reference: unknown): PolicyResource[] {
  if (typeof reference !== "string" || reference === "") {
    return [];
  }
  return indexOf(resources).rolesByReference.get(reference) ?? [];
}

function parsedDocument(source: string, document: unknown, grants: RoleGrants, arn?: string) {
  const parsed = parsePolicyDocument(document);
  if (parsed.kind === "parsed") {
    grants.documents.push({ source, awsManagedArn: arn, statements: parsed.statements });
  } else if (parsed.kind === "unknown") {
    grants.hidden.push(source);
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
  const index = indexOf(resources);
  // Keyed by name and ARN (one role per name in an account), not by URN: copies of a stack
  // under other URNs but the same names resolve once.
  const named = [...referencesOf(role)].filter((reference) => reference !== role.urn);
  const key = named.sort().join("\n") || role.urn;
  let grants = index.grantsByRole.get(key);
  if (!grants) {
    grants = resolveGrants(index, role);
    index.grantsByRole.set(key, grants);
  }
  return grants;
}

function resolveGrants(index: StackIndex, role: PolicyResource): RoleGrants {
  const forRole = [
    ...new Set(
      [...referencesOf(role)].flatMap((reference) => index.byRoleReference.get(reference) ?? []),
    ),
  ];
  const exclusiveNames = forRole
    .filter((resource) => resource.type === TYPES.rolePoliciesExclusive)
    .map((resource) => new Set(stringList(knownProps(resource).props.policyNames)));
  const exclusiveArns = forRole
    .filter((resource) => resource.type === TYPES.rolePolicyAttachmentsExclusive)
    .map((resource) => new Set(stringList(knownProps(resource).props.policyArns)));
  const keepsInline = (name: unknown) =>
    exclusiveNames.every((names) => typeof name === "string" && names.has(name));
  const grants: RoleGrants = { documents: [], hidden: [], pending: [] };

  const roleProps = knownProps(role);
  grants.pending.push(...pendingGrantInputs(role, ["inlinePolicies", "managedPolicyArns"]));
  const inline =
    (roleProps.props.inlinePolicies as { name?: unknown; policy?: unknown }[] | undefined) ?? [];
  for (const policy of inline.filter((candidate) => keepsInline(candidate.name))) {
    parsedDocument(`inline policy ${String(policy.name)} of ${role.name}`, policy.policy, grants);
  }
  for (const rolePolicy of forRole.filter((resource) => resource.type === TYPES.rolePolicy)) {
    const { props } = knownProps(rolePolicy);
    grants.pending.push(...pendingGrantInputs(rolePolicy, ["role", "name", "policy"]));
    if (keepsInline(props.name)) {
      for (const document of policyDocumentsOf(rolePolicy.type, props)) {
        parsedDocument(`${rolePolicy.type} ${rolePolicy.name}`, document, grants);
      }
    }
  }

  const arns = new Set([
    ...attachedPolicyArnsOf(role.type, roleProps.props),
    ...forRole.flatMap((resource) =>
      attachedPolicyArnsOf(resource.type, knownProps(resource).props),
    ),
  ]);
  // Attachments of the stack's own policies whose ARN a first preview does not know yet.
  for (const attachment of forRole) {
    if (!knownProps(attachment).unknown.includes("policyArn")) continue;
    const policies = dependedOn(attachment, "policyArn", TYPES.policy);
    if (policies.length === 0) grants.pending.push({ resource: attachment, key: "policyArn" });
    for (const policy of policies) {
      parsedDocument(`${policy.type} ${policy.name}`, knownProps(policy).props.policy, grants);
    }
  }
  for (const arn of arns) {
    if (!exclusiveArns.every((kept) => kept.has(arn))) {
      continue;
    }
    if (isAwsManagedPolicyArn(arn)) {
      const document = awsManagedPolicyDocument(arn);
      if (document === undefined) {
        grants.hidden.push(arn);
      } else {
        parsedDocument(arn, document, grants, arn);
      }
      continue;
    }
    const policy = index.policiesByReference.get(arn);
    if (policy) {
      parsedDocument(`${policy.type} ${policy.name}`, knownProps(policy).props.policy, grants);
    } else {
      // A customer managed policy made outside this stack: its document is not visible here.
      grants.hidden.push(arn);
    }
  }
  return grants;
}

/** Every statement of `statementsOfRole`, flattened. */
export function allStatements(grants: RoleGrants): NormalizedStatement[] {
  return grants.documents.flatMap((document) => document.statements);
}

/**
 * Task roles live in the model (policies/model/taskRoles.ts): every role a container may run
 * as, not only task definitions' `taskRoleArn`. Re-exported for the rules that import them here.
 */
export { TaskRoles, taskRoleOf, taskRoles } from "../model/taskRoles";
