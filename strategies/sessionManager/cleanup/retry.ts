/** How failed AWS calls are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 6. */
  maxAttempts: number;
  /** The first back-off; each retry doubles it (full jitter). Default 200 ms. */
  baseDelayMs: number;
  /** The longest single back-off. Default 5,000 ms. */
  maxDelayMs: number;
  /** Waits; replaced in tests. */
  sleep: (ms: number) => Promise<void>;
  /** 0 ≤ x < 1; replaced in tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const THROTTLING_ERRORS = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "TooManyUpdates",
]);

/**
 * Errors of the transport, not of the request, which the SDK's own retry strategy treats as
 * transient (@smithy/core, retry/service-error-classification/constants: TRANSIENT_ERROR_CODES,
 * NODEJS_TIMEOUT_ERROR_CODES, NODEJS_NETWORK_ERROR_CODES; 5xx statuses are handled below).
 */
const TRANSIENT_ERRORS = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

interface AwsErrorShape {
  name?: string;
  code?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** True for the errors AWS returns when a caller is over its request rate. */
export function isThrottling(error: unknown): boolean {
  const shape = (error ?? {}) as AwsErrorShape;
  return (
    THROTTLING_ERRORS.has(shape.name ?? "") ||
    shape.$metadata?.httpStatusCode === 429 ||
    shape.$retryable?.throttling === true
  );
}

/** True for throttling, server faults (5xx) and network errors: worth another attempt. */
export function isRetryable(error: unknown): boolean {
  const shape = (error ?? {}) as AwsErrorShape;
  const status = shape.$metadata?.httpStatusCode ?? 0;
  return (
    isThrottling(error) ||
    shape.$retryable !== undefined ||
    shape.$fault === "server" ||
    status >= 500 ||
    TRANSIENT_ERRORS.has(shape.name ?? "") ||
    TRANSIENT_ERRORS.has(shape.code ?? "")
  );
}

/** Back-off before retry number `retry` (1-based): full jitter over an exponential ceiling. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `operation`, retrying it on throttling and transient errors; any other error is thrown at
 * once. The SDK clients are built with `maxAttempts: 1`, so this is the only retry layer and its
 * back-off is what the tests see.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.maxAttempts) {
        throw error;
      }
      await policy.sleep(backoffDelay(attempt, policy));
    }
  }
}
