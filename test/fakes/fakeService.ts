/**
 * The one shape every fake AWS service in the tests takes, so the same rules can serve
 * aws-sdk-client-mock (unit tests) and the local HTTP server that speaks the AWS JSON protocol
 * (end-to-end CLI tests, real SDK through AWS_ENDPOINT_URL).
 *
 * A fake encodes what AWS documents (filter rules, pagination, error codes), each rule once,
 * with its source in a comment next to it. Tests assert outcomes on the fake's state, not the
 * calls our code happened to make.
 */

/** An error the service would return: `code` is the AWS error code (`__type` on the wire). */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** Who signed a request (the local wire server knows; aws-sdk-client-mock does not). */
export interface FakeCaller {
  accessKeyId: string;
}

/** One API operation: request shape in, response shape out (as in the SDK's models), or a thrown FakeAwsError. */
export type FakeOperation = (input: Record<string, unknown>, caller?: FakeCaller) => unknown;

/** A service's operations, keyed by the API operation name (`DescribeInstanceInformation`). */
export type FakeService = Record<string, FakeOperation>;
