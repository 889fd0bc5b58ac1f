import { TYPES } from "./resourceTypes";

/**
 * The IAM policy documents a resource carries itself: a RolePolicy's, UserPolicy's, GroupPolicy's
 * or Policy's, a Role's inline ones. (A Role's trust policy is not one of them.)
 */
export function policyDocumentsOf(type: string, props: Record<string, unknown>): unknown[] {
  switch (type) {
    case TYPES.rolePolicy:
    case TYPES.userPolicy:
    case TYPES.groupPolicy:
    case TYPES.policy:
      return [props.policy];
    case TYPES.role:
      return ((props.inlinePolicies as { policy?: unknown }[] | undefined) ?? []).map(
        (inline) => inline.policy,
      );
    default:
      return [];
  }
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === "string" && item !== "");
}

/**
 * The managed policy ARNs a resource attaches, whatever the way: a Role's `managedPolicyArns`,
 * a (Role|User|Group)PolicyAttachment's or PolicyAttachment's `policyArn`, a
 * RolePolicyAttachmentsExclusive's `policyArns`. A Role's `permissionsBoundary` is not among
 * them: a boundary only caps what other policies grant, and grants nothing itself (IAM User
 * Guide, "Permissions boundaries for IAM entities").
 */
export function attachedPolicyArnsOf(type: string, props: Record<string, unknown>): string[] {
  switch (type) {
    case TYPES.role:
      return strings(props.managedPolicyArns);
    case TYPES.rolePolicyAttachment:
    case TYPES.userPolicyAttachment:
    case TYPES.groupPolicyAttachment:
    case TYPES.policyAttachment:
      return strings(props.policyArn);
    case TYPES.rolePolicyAttachmentsExclusive:
      return strings(props.policyArns);
    default:
      return [];
  }
}

/** The input that names the role(s) an attachment or inline policy applies to, by type. */
export function rolePropertyOf(type: string): string | undefined {
  switch (type) {
    case TYPES.rolePolicy:
    case TYPES.rolePolicyAttachment:
      return "role";
    case TYPES.policyAttachment:
      return "roles";
    case TYPES.rolePoliciesExclusive:
    case TYPES.rolePolicyAttachmentsExclusive:
      return "roleName";
    default:
      return undefined;
  }
}

/** The role names or ARNs an attachment or inline policy resource applies to. */
export function rolesOf(type: string, props: Record<string, unknown>): string[] {
  switch (type) {
    case TYPES.rolePolicy:
    case TYPES.rolePolicyAttachment:
      return strings(props.role);
    case TYPES.policyAttachment:
      return strings(props.roles);
    case TYPES.rolePoliciesExclusive:
    case TYPES.rolePolicyAttachmentsExclusive:
      return strings(props.roleName);
    default:
      return [];
  }
}

export { strings as stringList };
