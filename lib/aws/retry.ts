// Drives the SDK's retries with the connector's backoff strategy (or the SDK default: full
// jitter for transient errors, equal jitter for throttling) and records every retry, so a
// step can say how often it retried and why. Errors a retry cannot fix stop at once.
import "server-only";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { backoffDelay, classifyError, maxAttempts, RETRY_CANNOT_HELP_CODES, type BackoffStrategy } from "./backoff";
import { awsErrorFacts } from "./errors";

export interface RetryRecord {
  attempt: number;
  code: string;
  errorClass: "throttling" | "transient";
  delayMs: number;
}

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount() {
    return this.count;
  }
  getRetryDelay() {
    return this.delay;
  }
}

export class ConnectorRetryStrategy implements RetryStrategyV2 {
  readonly mode = "conduit";
  constructor(
    private readonly strategy: BackoffStrategy | null | undefined,
    private readonly onRetry: (r: RetryRecord) => void = () => {},
    private readonly random: () => number = Math.random,
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const facts = awsErrorFacts(info.error);
    const errorClass = classifyError({
      code: facts.code,
      httpStatus: facts.httpStatus,
      networkCode: facts.networkCode,
    });
    const attempt = token.getRetryCount();
    // Throwing tells the SDK to give up and surface the last error.
    if (errorClass === "non-retryable") throw new Error("not retryable");
    if ((RETRY_CANNOT_HELP_CODES as readonly string[]).includes(facts.code)) throw new Error("a retry cannot fix this");
    if (attempt + 1 >= maxAttempts(this.strategy)) throw new Error("retries exhausted");
    const delayMs = backoffDelay(this.strategy, attempt, this.random, errorClass);
    this.onRetry({ attempt: attempt + 1, code: facts.code, errorClass, delayMs });
    return new Token(attempt + 1, delayMs);
  }

  recordSuccess(): void {}
}
