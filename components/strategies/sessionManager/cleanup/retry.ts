/** How throttled SSM calls are retried. */
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

interface AwsErrorShape {
  name?: string;
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

/** Back-off before retry number `retry` (1-based): full jitter over an exponential ceiling. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** Runs `operation`, retrying it while AWS throttles; any other error is thrown at once. */
export async function withThrottleRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isThrottling(error) || attempt >= policy.maxAttempts) {
        throw error;
      }
      await policy.sleep(backoffDelay(attempt, policy));
    }
  }
}
