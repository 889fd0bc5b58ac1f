/** An IAM action `npm run audit` needs, and the API call it authorises. */
export interface AuditPermission {
  /** The IAM action, e.g. `states:ListExecutions`. */
  action: string;
  /** The call, for people: `Step Functions ListExecutions`. */
  call: string;
}

/** A call AWS refused for want of a permission: the audit reports it and goes on. */
export class PermissionDenied extends Error {
  constructor(
    readonly permission: AuditPermission,
    readonly code: string,
    detail: string,
  ) {
    super(
      `needs ${permission.action}: AWS refused ${permission.call} (${code}${detail ? `: ${detail}` : ""}); grant ${permission.action} to the caller.`,
    );
    this.name = "PermissionDenied";
  }
}

/**
 * Error codes of a missing permission: `AccessDeniedException` (the JSON services: CloudTrail,
 * Step Functions, ECS, SSM; each API reference's "Common Errors"), `AccessDenied` (Query and
 * REST services) and `UnauthorizedOperation` (EC2).
 */
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedException)$/;

/** Runs `call`; a refusal for want of `permission` becomes a {@link PermissionDenied}. */
export async function withPermission<T>(
  permission: AuditPermission,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && DENIED.test(error.name)) {
      throw new PermissionDenied(permission, error.name, error.message);
    }
    throw error;
  }
}
