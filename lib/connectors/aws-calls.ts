// What a connector's spec means for SDK calls, shared by the connection test and connector
// sessions (one code path): call options with the connector's backoff, the OIDC token's
// context, the cross-account AssumeRole input, and credential providers that refresh only
// shortly before expiry.
import "server-only";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { ConnectorInput } from "./schemas";
import type { OidcContext, TokenScope } from "@/lib/oidc/claims";
import { transportConfig, type CallOptions } from "@/lib/aws/clients";
import { refreshingProvider } from "@/lib/aws/refreshing-provider";
import {
  baseCredentials,
  type BaseCredentials,
  type OidcCredentialContext,
  type SecretReader,
  type SignedOidcToken,
} from "./credentials";
import { assumeRole, roleSessionName } from "@/lib/aws/sts";

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

/**
 * The connector's base credentials (before any cross-account role), with STS clients that use
 * its own backoff and limits: the one builder of the connection test and connector sessions.
 */
export function connectorBaseCredentials(
  connector: { identifier: string; name: string; scope: TokenScope; spec: Spec },
  readSecret: SecretReader,
  o: {
    callTimeoutMs: number;
    onRetry?: CallOptions["onRetry"];
    random?: () => number;
    context?: OidcContext;
    /** On a delegate: the OIDC token the console signed for this task. */
    signedOidc?: SignedOidcToken;
  },
): Promise<BaseCredentials> {
  const { spec } = connector;
  const transport = transportConfig({
    region: spec.credential.region,
    backoff: spec.awsSdkClientBackOffStrategyOverride ?? null,
    callTimeoutMs: o.callTimeoutMs,
    onRetry: o.onRetry,
    random: o.random,
  });
  const oidc = connectorOidcContext(connector, o.context);
  return baseCredentials(spec.credential, readSecret, transport, {
    oidc: o.signedOidc ? { ...oidc, signed: o.signedOidc } : oidc,
  });
}
