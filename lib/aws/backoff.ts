// Retry classification and backoff delays with Harness's strategy names. Pure and
// browser-safe: the connector form previews the delay table with the same code the server
// uses to retry, so what the user sees is what the retries do.

// Codes as listed in the Harness AWS connector doc (the Java SDK v2 lists Harness relies on).
export const THROTTLING_ERROR_CODES = [
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "ProvisionedThroughputExceededException",
  "SlowDown",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "EC2ThrottledException",
  "PriorRequestNotComplete",
] as const;
export const THROTTLING_HTTP_STATUSES = [429] as const;

export const TRANSIENT_ERROR_CODES = [
  "TransactionInProgressException",
  "RequestTimeout",
  "RequestTimeoutException",
  "IDPCommunicationError",
  "RequestTimeTooSkewed",
  "RequestExpired",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "AuthFailure",
  "RequestInTheFuture",
  "IOException",
] as const;
export const TRANSIENT_HTTP_STATUSES = [500, 502, 503, 504] as const;
/** Node socket/DNS failures: the "IOException" of the Java list (smithy's timeout + network codes). */
export const TRANSIENT_NETWORK_CODES = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
] as const;

/**
 * Listed as retryable, but a wrong key or secret stays wrong: the connection test shows the
 * retries honestly and stops early on these (clock-skew codes are not here: the SDK corrects
 * its clock offset between attempts, so a retry can succeed).
 */
export const RETRY_CANNOT_HELP_CODES = ["SignatureDoesNotMatch", "InvalidSignatureException", "AuthFailure"] as const;

export type ErrorClass = "throttling" | "transient" | "non-retryable";
export type RetryableClass = Exclude<ErrorClass, "non-retryable">;

export interface ErrorFacts {
  /** AWS error code (`error.name` / `Code` in the response). */
  code?: string;
  httpStatus?: number;
  /** Node system error code for network failures (ECONNRESET…). */
  networkCode?: string;
}

const has = (list: readonly (string | number)[], v: string | number | undefined) => v !== undefined && list.includes(v);

export function classifyError({ code, httpStatus, networkCode }: ErrorFacts): ErrorClass {
  // Throttling wins: a 503 SlowDown must back off like throttling, not like a transient fault.
  if (has(THROTTLING_ERROR_CODES, code) || has(THROTTLING_HTTP_STATUSES, httpStatus)) return "throttling";
  if (has(TRANSIENT_ERROR_CODES, code) || has(TRANSIENT_HTTP_STATUSES, httpStatus)) return "transient";
  if (has(TRANSIENT_NETWORK_CODES, networkCode) || has(TRANSIENT_NETWORK_CODES, code)) return "transient";
  return "non-retryable";
}

export const BACKOFF_STRATEGY_TYPES = [
  "FixedDelayBackoffStrategy",
  "EqualJitterBackoffStrategy",
  "FullJitterBackoffStrategy",
] as const;
export type BackoffStrategyType = (typeof BACKOFF_STRATEGY_TYPES)[number];

/** Structural twin of the connector schema's override; the zod type is assignable to it. */
export type BackoffStrategy =
  | { type: "FixedDelayBackoffStrategy"; spec: { fixedBackoff: number; retryCount: number } }
  | {
      type: "EqualJitterBackoffStrategy" | "FullJitterBackoffStrategy";
      spec: { baseDelay: number; maxBackoffTime: number; retryCount: number };
    };

// AWS SDK v3 defaults (@smithy/util-retry constants DEFAULT_RETRY_DELAY_BASE,
// THROTTLING_RETRY_DELAY_BASE, MAXIMUM_RETRY_DELAY, DEFAULT_MAX_ATTEMPTS). Throttling uses the
// larger 500 ms base in both SDK v3 and the Java SDK v2 that Harness runs. Note: smithy's
// 2026 retry behaviour changes the live bases to 50 ms / 1000 ms; Conduit keeps the documented
// values so an absent override means the same thing as in Harness.
export const SDK_BASE_DELAY_MS = 100;
export const SDK_THROTTLING_BASE_DELAY_MS = 500;
export const SDK_MAX_BACKOFF_MS = 20_000;
export const SDK_MAX_ATTEMPTS = 3;

/** The SDK default as an explicit strategy: equal jitter when throttled, full jitter otherwise. */
export function sdkDefaultStrategy(errorClass: RetryableClass): BackoffStrategy {
  const throttled = errorClass === "throttling";
  return {
    type: throttled ? "EqualJitterBackoffStrategy" : "FullJitterBackoffStrategy",
    spec: {
      baseDelay: throttled ? SDK_THROTTLING_BASE_DELAY_MS : SDK_BASE_DELAY_MS,
      maxBackoffTime: SDK_MAX_BACKOFF_MS,
      retryCount: SDK_MAX_ATTEMPTS - 1,
    },
  };
}

/** Total attempts for the SDK (`maxAttempts = retryCount + 1`); absent override = SDK default. */
export function maxAttempts(strategy: BackoffStrategy | null | undefined): number {
  return strategy ? strategy.spec.retryCount + 1 : SDK_MAX_ATTEMPTS;
}

// Shift capped like the Java SDK (RETRIES_ATTEMPTED_CEILING = 30) so huge attempts stay finite.
function ceiling(baseDelay: number, maxBackoffTime: number, attempt: number): number {
  return Math.min(maxBackoffTime, baseDelay * 2 ** Math.min(attempt, 30));
}

function checkAttempt(attempt: number) {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt must be an integer ≥ 0, got ${attempt}`);
}

/** Bounds (min ≤ delay ≤ max) of the delay before retry `attempt` (0 = first retry). */
export function delayBounds(
  strategy: BackoffStrategy | null | undefined,
  attempt: number,
  errorClass: RetryableClass = "transient",
): { minMs: number; maxMs: number } {
  checkAttempt(attempt);
  const s = strategy ?? sdkDefaultStrategy(errorClass);
  if (s.type === "FixedDelayBackoffStrategy") return { minMs: s.spec.fixedBackoff, maxMs: s.spec.fixedBackoff };
  const v = ceiling(s.spec.baseDelay, s.spec.maxBackoffTime, attempt);
  return { minMs: s.type === "EqualJitterBackoffStrategy" ? Math.floor(v / 2) : 0, maxMs: v };
}

/**
 * Delay in whole milliseconds before retry number `attempt`, counted from 0 for the first retry
 * (Java SDK `retriesAttempted`, smithy `token.getRetryCount()`): ceiling = base·2^attempt.
 * smithy's ConfiguredRetryStrategy calls its delay function with 1 for the first retry, so wire
 * it as `new ConfiguredRetryStrategy(maxAttempts(s), (n) => backoffDelay(s, n - 1))`.
 * `strategy` null/undefined = SDK default, which depends on `errorClass`.
 * `random` returns [0, 1) like Math.random; tests pass a seeded generator.
 */
export function backoffDelay(
  strategy: BackoffStrategy | null | undefined,
  attempt: number,
  random: () => number = Math.random,
  errorClass: RetryableClass = "transient",
): number {
  checkAttempt(attempt);
  const s = strategy ?? sdkDefaultStrategy(errorClass);
  if (s.type === "FixedDelayBackoffStrategy") return s.spec.fixedBackoff;
  const v = ceiling(s.spec.baseDelay, s.spec.maxBackoffTime, attempt);
  // Floor keeps delays integral; the result stays within delayBounds for any random in [0, 1).
  if (s.type === "EqualJitterBackoffStrategy") return Math.floor(v / 2 + random() * (v / 2));
  return Math.floor(random() * v);
}

export interface DelayRow {
  /** 0-based retry index, as passed to backoffDelay (display as attempt + 1). */
  attempt: number;
  minMs: number;
  maxMs: number;
  sampleMs: number;
}

/** One row per retry for the form's preview table; retryCount defaults to the strategy's own. */
export function delaySchedule(
  strategy: BackoffStrategy | null | undefined,
  retryCount: number = maxAttempts(strategy) - 1,
  random: () => number = Math.random,
  errorClass: RetryableClass = "transient",
): DelayRow[] {
  return Array.from({ length: Math.max(0, retryCount) }, (_, attempt) => ({
    attempt,
    ...delayBounds(strategy, attempt, errorClass),
    sampleMs: backoffDelay(strategy, attempt, random, errorClass),
  }));
}
