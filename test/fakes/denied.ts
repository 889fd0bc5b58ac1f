import { FakeAwsError, FakeService } from "./fakeService";

/**
 * Wraps one operation so that it is refused as for a principal without the permission: HTTP
 * 400 `AccessDeniedException` with IAM's message "User: ARN is not authorized to perform: ACTION
 * on resource: RESOURCE because no identity-based policy allows the ACTION action" (IAM User
 * Guide, "Troubleshoot access denied error messages").
 */
export function denyOperation(
  service: FakeService,
  operation: string,
  action: string,
  principalArn = "arn:aws:sts::123456789012:assumed-role/auditor/alice",
): FakeService {
  return {
    ...service,
    [operation]: (input) => {
      const resource = String(input.stateMachineArn ?? input.executionArn ?? "*");
      throw new FakeAwsError(
        "AccessDeniedException",
        `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
      );
    },
  };
}
