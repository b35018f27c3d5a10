// One place that builds SDK client configuration for a connector: explicit region (also for
// the STS clients inside credential providers), the connector's retry strategy, and hard
// per-call time limits. Endpoints come only from the SDK's own AWS_ENDPOINT_URL_* variables.
import "server-only";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { NodeHttpHandler, type NodeHttpHandlerOptions } from "@smithy/node-http-handler";
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

// One pair of keep-alive agents for the whole process: every client of every test and lookup
// reuses open connections (and TLS sessions) to the AWS endpoints instead of opening its own.
// Clients are short-lived, so the handler must not take the shared agents down with it.
const g = globalThis as unknown as { conduitAwsAgents?: { http: HttpAgent; https: HttpsAgent } };
function sharedAgents() {
  g.conduitAwsAgents ??= {
    http: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
  };
  return g.conduitAwsAgents;
}

class SharedAgentHandler extends NodeHttpHandler {
  constructor(options: Omit<NodeHttpHandlerOptions, "httpAgent" | "httpsAgent">) {
    const agents = sharedAgents();
    super({ ...options, httpAgent: agents.http, httpsAgent: agents.https });
  }
  override destroy(): void {
    // The agents belong to the process, not to this client.
  }
}

/** Region, retries and time limits; also handed to the STS clients inside credential providers. */
export function transportConfig(o: Omit<CallOptions, "credentials" | "signal">) {
  return {
    region: o.region,
    retryStrategy: new ConnectorRetryStrategy(o.backoff, o.onRetry, o.random),
    requestHandler: new SharedAgentHandler({
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
