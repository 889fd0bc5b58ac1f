import { ConfigError } from "../config/validate";
import { UsageError } from "../offline/stackFiles";
import { CommandIo } from "./io";

/**
 * Prints why a command failed and returns 1. A user's mistake is its message alone; an AWS error
 * gets its code and a hint; anything else (a bug) keeps its stack.
 */
export function reportFailure(error: unknown, io: CommandIo): number {
  if (error instanceof ConfigError || error instanceof UsageError) {
    io.stderr(`${error.message}\n`);
  } else if (error instanceof Error && error.name === "CredentialsProviderError") {
    io.stderr(`No AWS credentials: ${error.message}\n  fix: ${awsHint("AccessDenied")}\n`);
  } else if (isAwsError(error)) {
    io.stderr(
      `AWS refused the call: ${error.name}: ${error.message}\n  fix: ${awsHint(error.name)}\n`,
    );
  } else {
    io.stderr(`${error instanceof Error ? error.stack : String(error)}\n`);
  }
  return 1;
}

function isAwsError(error: unknown): error is Error & { $metadata: unknown } {
  return error instanceof Error && "$metadata" in error;
}

function awsHint(code: string): string {
  if (/AccessDenied|UnrecognizedClient|InvalidClientTokenId|ExpiredToken/.test(code)) {
    return "check your credentials (AWS_PROFILE, `aws sso login`), or pass --assume-operator-role to act as the stack's operator role";
  }
  if (/NotFound|DoesNotExist/.test(code)) {
    return "check the region (AWS_REGION) and that the stack outputs are current (pulumi stack output --json)";
  }
  return "check the region, the credentials and the stack outputs";
}
