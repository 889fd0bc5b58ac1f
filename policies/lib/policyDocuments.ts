import { TYPES } from "./resourceTypes";

/** The IAM policy documents a resource carries: a RolePolicy's or Policy's, a Role's inline ones. */
export function policyDocumentsOf(type: string, props: Record<string, unknown>): unknown[] {
  switch (type) {
    case TYPES.rolePolicy:
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
