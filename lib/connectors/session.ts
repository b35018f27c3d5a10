// A connector's AWS session for lookups (regions, clusters, namespaces, kubeconfig, GitOps):
// its credentials, cross-account role and backoff, built from the same lib/aws pieces the
// connection test uses. Credential providers are kept per connector version in this process so
// lookups in a row do not assume the role again (a cache only: nothing depends on it).
import "server-only";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { resolveConnectorRow, type ResolvedConnector } from "./refs";
import type { ConnectorWithSecrets } from "./queries";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { OidcContext } from "@/lib/oidc/claims";
import type { Scope } from "@/lib/scope";
import type { CallOptions } from "@/lib/aws/clients";
import { refreshingProvider } from "@/lib/aws/refreshing-provider";
import {
  assumedRoleProvider,
  connectorBaseCredentials,
  connectorCallOptions,
  crossAccountRoleInput,
} from "./aws-calls";
import {
  CredentialSetupError,
  delegateMismatch,
  secretReaderFor,
  type SecretReader,
  type SignedOidcToken,
} from "./credentials";
import { PARTITION_LABELS, partitionOf, type Partition } from "@/lib/aws/partitions";

export interface ConnectorSession {
  connector: ResolvedConnector;
  partition: Partition;
  /** The connector's own region (its test region): STS and bare cluster names use it. */
  defaultRegion: string;
  roleArn?: string;
  externalId?: string;
  /** SDK call options in `region` (must be in the connector's partition). */
  callOptions(region: string, o?: { callTimeoutMs?: number; signal?: AbortSignal }): CallOptions;
  /** Resolves the credentials once (assumes the role if there is one): fails fast before a fan-out. */
  resolveCredentials(): Promise<AwsCredentialIdentity>;
}

export interface SessionOptions {
  /** The OIDC token's `context` claim; lookups while editing are PIPELINE_CONFIGURATION. */
  context?: OidcContext;
  /** On a delegate: the OIDC token the console signed for this task. */
  signedOidc?: SignedOidcToken;
}

const MAX_CACHED = 256;
const providers = new Map<string, AwsCredentialIdentityProvider>();

/** Changes whenever anything the credentials come from changes: the connector or a secret value. */
function cacheKey(row: ConnectorWithSecrets, context: string): string {
  const secrets = row.secretRefs
    .map((r) => `${r.field}=${r.secret.id}@${r.secret.valueUpdatedAt}`)
    .sort()
    .join(",");
  return `${row.id}:${row.version}:${context}:${secrets}`;
}

function remember(key: string, creds: AwsCredentialIdentityProvider) {
  if (providers.size >= MAX_CACHED) providers.delete(providers.keys().next().value!);
  providers.set(key, creds);
}

/** For tests: forget cached credential providers. */
export function clearSessionCache() {
  providers.clear();
}

const setupError = (err: unknown): unknown => {
  if (err instanceof CredentialSetupError) {
    return new AppError("VALIDATION_FAILED", `The connector's credentials cannot be used: ${err.message}`, {
      extra: { reason: err.code },
    });
  }
  if (err instanceof AppError && err.code === "NOT_FOUND") {
    return new AppError(
      "VALIDATION_FAILED",
      `The connector's credentials cannot be used: ${err.message}. Fix the connector's secret references.`,
      {
        extra: { reason: "SecretNotFound" },
      },
    );
  }
  return err;
};

async function buildCredentials(
  connector: ResolvedConnector,
  readSecret: SecretReader,
  context: OidcContext,
  signedOidc?: SignedOidcToken,
) {
  const spec = connector.spec;
  const callTimeoutMs = env().CONDUIT_AWS_CALL_TIMEOUT_MS;
  const base = await connectorBaseCredentials(connector, readSecret, { callTimeoutMs, context, signedOidc });
  const cross = spec.credential.crossAccountAccess;
  if (cross) {
    return assumedRoleProvider(spec, base.credentials, crossAccountRoleInput(cross, connector.identifier), {
      region: spec.credential.region,
      callTimeoutMs,
    });
  }
  const b = base.credentials;
  return typeof b === "function" ? refreshingProvider(() => b()) : b;
}

/**
 * A session from a connector and its secrets, without the database: what a delegate builds for a
 * lookup it was sent (the console's own lookups go through openConnectorSession and its cache).
 */
export async function connectorSession(
  connector: ResolvedConnector,
  readSecret: SecretReader,
  o: SessionOptions = {},
): Promise<ConnectorSession> {
  const creds = await buildCredentials(
    connector,
    readSecret,
    o.context ?? "PIPELINE_CONFIGURATION",
    o.signedOidc,
  ).catch((err: unknown) => Promise.reject(setupError(err)));
  return sessionWith(connector, creds);
}

export async function openConnectorSession(
  from: Scope,
  ref: string,
  o: SessionOptions = {},
): Promise<ConnectorSession> {
  const resolved = await resolveConnectorRow(from, ref);
  if (!resolved) throw new AppError("NOT_FOUND", `No connector "${ref}" is visible from this scope`);
  const { row, connector } = resolved;
  const spec = connector.spec;
  const mismatch = delegateMismatch(spec.delegateSelectors ?? []);
  if (mismatch) throw new AppError("VALIDATION_FAILED", mismatch, { extra: { reason: "DelegateMismatch" } });

  const context = o.context ?? "PIPELINE_CONFIGURATION";
  const key = cacheKey(row, context);
  let creds: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined = providers.get(key);
  if (!creds) {
    const built = await buildCredentials(connector, secretReaderFor(row, spec, connector.scope), context).catch(
      (err: unknown) => Promise.reject(setupError(err)),
    );
    // Providers only: plain keys are cheap to read again and need not outlive the request.
    if (typeof built === "function") remember(key, built);
    creds = built;
  }
  return sessionWith(connector, creds);
}

function sessionWith(
  connector: ResolvedConnector,
  final: AwsCredentialIdentity | AwsCredentialIdentityProvider,
): ConnectorSession {
  const spec = connector.spec;
  const partition = partitionOf(spec.credential.region);
  const cross = spec.credential.crossAccountAccess;
  return {
    connector,
    partition,
    defaultRegion: spec.credential.region,
    roleArn: cross?.crossAccountRoleArn,
    externalId: cross?.externalId,
    callOptions(region, c = {}) {
      if (partitionOf(region) !== partition) {
        throw new AppError(
          "VALIDATION_FAILED",
          `Region ${region} is not in the connector's partition (${PARTITION_LABELS[partition]}, ${partition})`,
          {
            fieldErrors: { region: [`Choose a ${PARTITION_LABELS[partition]} region`] },
          },
        );
      }
      return connectorCallOptions(spec, {
        region,
        credentials: final,
        callTimeoutMs: c.callTimeoutMs ?? env().CONDUIT_AWS_CALL_TIMEOUT_MS,
        signal: c.signal,
      });
    },
    resolveCredentials: () => (typeof final === "function" ? final() : Promise.resolve(final)),
  };
}
