// One place that builds SDK client configuration for a connector: explicit region (also for
// the STS clients inside credential providers), the connector's retry strategy, and hard
// per-call time limits. Endpoints come only from the SDK's own AWS_ENDPOINT_URL_* variables.
import "server-only";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { BackoffStrategy } from "./backoff";
import { ConnectorRetryStrategy, type RetryRecord } from "./retry";

export interface CallOptions {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  backoff?: BackoffStrategy | null;
  callTimeoutMs: number;
  onRetry?: (r: RetryRecord) => void;
  /** Aborts every call of a run (the whole-test time limit). */
  signal?: AbortSignal;
  random?: () => number;
}

/** Region, retries and time limits; also handed to the STS clients inside credential providers. */
export function transportConfig(o: Omit<CallOptions, "credentials" | "signal">) {
  return {
    region: o.region,
    retryStrategy: new ConnectorRetryStrategy(o.backoff, o.onRetry, o.random),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(o.callTimeoutMs, 5_000),
      requestTimeout: o.callTimeoutMs,
      // Without this the handler only warns and a hung endpoint blocks forever.
      throwOnRequestTimeout: true,
    }),
  };
}

export function clientConfig(o: CallOptions) {
  return { ...transportConfig(o), credentials: o.credentials };
}
