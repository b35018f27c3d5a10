// What every step of a connection test shares: the run's options, what earlier steps learned, and
// SDK call options with the connector's backoff, the call limit and the run's abort signal.
import "server-only";
import type { CallOptions } from "@/lib/aws/clients";
import type { UsageSelection } from "@/lib/aws/usages";
import { connectorCallOptions } from "@/lib/connectors/aws-calls";
import type { OidcTokenFacts, SecretReader, SignedOidcToken } from "@/lib/connectors/credentials";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import type { TokenScope } from "@/lib/oidc/claims";
import type { StepIo } from "@/lib/steps/executor";
import type { StepEvent } from "../types";

export interface RunOptions {
  identifier: string;
  readSecret: SecretReader;
  spec: ConnectorInput["spec"];
  /** What the connector is for (`conduit.usages`): the permissions step checks each use's actions. */
  usages?: readonly UsageSelection[];
  emit: (e: StepEvent) => void;
  timeoutMs: number;
  callTimeoutMs: number;
  delegateId: string;
  random?: () => number;
  /** Name and scope of the connector: the `sub` and claims of its OIDC token (default: account scope). */
  connector?: { name: string; scope: TokenScope };
  /** On a delegate: the OIDC token the console signed for this run. */
  signedOidc?: SignedOidcToken;
  /** Ends the run early (the console is stopping): the running steps fail with its reason. */
  signal?: AbortSignal;
}

export interface TestRun {
  o: RunOptions;
  /** Facts earlier steps found, for later steps' explanations. */
  known: {
    callerArn?: string;
    oidc?: OidcTokenFacts;
  };
}

export const callOptions = (run: TestRun, credentials: CallOptions["credentials"], io: StepIo): CallOptions =>
  connectorCallOptions(run.o.spec, {
    region: run.o.spec.credential.region,
    credentials,
    callTimeoutMs: run.o.callTimeoutMs,
    onRetry: io.onRetry,
    signal: io.signal,
    random: run.o.random,
  });
