/**
 * Errors that say the caller has no usable credentials or region: every AWS call of every
 * strategy would fail the same way, so the doctor reports them once. Names from the SDK:
 * `CredentialsProviderError`/`TokenProviderError` (@smithy/core config submodule, thrown by
 * the credential chain, e.g. "Could not load credentials from any providers" or an expired SSO
 * session), `ExpiredTokenException` (client-sts models/errors.d.ts), and the service errors
 * for a bad or expired key (`UnrecognizedClientException`, `InvalidClientTokenId`,
 * `ExpiredToken`, `InvalidSignatureException`, `SignatureDoesNotMatch`).
 */
const CREDENTIAL_ERRORS = [
  "CredentialsProviderError",
  "TokenProviderError",
  "ExpiredTokenException",
  "ExpiredToken",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
];

export interface CredentialsProblem {
  detail: string;
  fix: string;
}

/** The one-line explanation of a credentials or region error; `undefined` for other errors. */
export function credentialsProblem(error: unknown): CredentialsProblem | undefined {
  const { name = "Error", message = String(error) } = (error ?? {}) as Partial<Error>;
  const firstLine = message.split("\n")[0].trim();
  if (/Region is missing/i.test(message)) {
    return {
      detail: `no AWS region (${firstLine})`,
      fix: "set aws:region in the stack file or export AWS_REGION=ap-northeast-1",
    };
  }
  if (!CREDENTIAL_ERRORS.includes(name)) {
    return undefined;
  }
  const sso = /sso/i.test(message);
  const expired = /expired/i.test(`${name} ${message}`);
  return {
    detail: `no usable AWS credentials (${name}: ${firstLine})`,
    fix: sso
      ? "run `aws sso login --profile <profile>` and export AWS_PROFILE=<profile>"
      : expired
        ? "refresh the session: `aws sso login` or new temporary keys; check AWS_PROFILE"
        : "export AWS_PROFILE=<profile> (run `aws sso login --profile <profile>` for SSO), or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; `aws sts get-caller-identity` shows who you are",
  };
}
