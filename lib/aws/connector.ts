// What a connector's spec means for SDK calls, shared by the connection test and connector
// sessions (one code path): call options with the connector's backoff, the OIDC token's
// context, the cross-account AssumeRole input, and credential providers that refresh only
// shortly before expiry.
import "server-only";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import type { OidcContext, TokenScope } from "@/lib/oidc/claims";
import type { CallOptions } from "./clients";
import type { OidcCredentialContext } from "./credentials";
import { assumeRole, roleSessionName } from "./sts";

type Spec = ConnectorInput["spec"];
type CrossAccount = NonNullable<Spec["credential"]["crossAccountAccess"]>;

/** Region, credentials and limits of one call; the backoff is always the connector's own. */
export function connectorCallOptions(spec: Spec, o: Omit<CallOptions, "backoff">): CallOptions {
  return { ...o, backoff: spec.awsSdkClientBackOffStrategyOverride ?? null };
}

/** Who an OIDC token speaks for: the connector and the scope it lives in. */
export function connectorOidcContext(
  connector: { identifier: string; name: string; scope: TokenScope },
  context?: OidcContext,
): OidcCredentialContext {
  const { scope } = connector;
  return {
    accountId: scope.accountId,
    orgIdentifier: scope.orgIdentifier,
    projectIdentifier: scope.projectIdentifier,
    connectorIdentifier: connector.identifier,
    connectorName: connector.name,
    ...(context ? { context } : {}),
  };
}

/** The AssumeRole input for the connector's cross-account access. */
export function crossAccountRoleInput(cross: CrossAccount, identifier: string) {
  return {
    roleArn: cross.crossAccountRoleArn,
    externalId: cross.externalId,
    sessionName: roleSessionName(identifier),
    durationSeconds: cross.assumeRoleSessionDuration,
  };
}

/** Refresh this long before credentials expire (the SDK's own margin is 5 minutes too). */
export const REFRESH_BEFORE_MS = 5 * 60_000;
/** Credentials without an expiry (e.g. the server's environment) are re-read after this long. */
const NO_EXPIRY_TTL_MS = 5 * 60_000;

/**
 * Memoizes a provider: concurrent callers share one in-flight resolution, results are kept until
 * `REFRESH_BEFORE_MS` before they expire, and a failure is not kept (the next call tries again).
 */
export function refreshingProvider(
  resolve: () => Promise<AwsCredentialIdentity>,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: { value: AwsCredentialIdentity; freshUntil: number } | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    if (current && now() < current.freshUntil) return Promise.resolve(current.value);
    inFlight ??= resolve().then(
      (value) => {
        const expires = value.expiration?.getTime();
        current = { value, freshUntil: expires === undefined ? now() + NO_EXPIRY_TTL_MS : expires - REFRESH_BEFORE_MS };
        inFlight = undefined;
        return value;
      },
      (err: unknown) => {
        inFlight = undefined;
        throw err;
      },
    );
    return inFlight;
  };
}

/**
 * The cross-account role's credentials, assumed with the base credentials and the external ID,
 * kept until shortly before they expire. `transport` gives region, retries and time limits (no
 * caller's abort signal: the provider is shared by every call of a session).
 */
export function assumedRoleProvider(
  spec: Spec,
  base: CallOptions["credentials"],
  input: ReturnType<typeof crossAccountRoleInput>,
  transport: Omit<CallOptions, "credentials" | "backoff" | "signal">,
): AwsCredentialIdentityProvider {
  return refreshingProvider(async () => {
    const r = await assumeRole(connectorCallOptions(spec, { ...transport, credentials: base }), input);
    return r.credentials;
  });
}
