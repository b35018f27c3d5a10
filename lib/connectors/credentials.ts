// The base credentials of a connector, before any cross-account role: stored keys, the
// server's own chain, IRSA's web identity token file, or a token Conduit signs itself (OIDC).
import "server-only";
import { fromNodeProviderChain, fromTokenFile } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { AwsCredential, ConnectorInput } from "./schemas";

type AwsConnectorSpec = ConnectorInput["spec"];
import { env } from "@/lib/env";
import { AWS_TAGS_CLAIM, ClaimsError, oidcClaims, type OidcContext, type TokenScope } from "@/lib/oidc/claims";
import { issuerUrl } from "@/lib/oidc/issuer";
import { mintOidcToken } from "@/lib/oidc/tokens";
import { KeyError } from "@/lib/secrets/crypto";
import { openAwsKeyMaterial, readAwsKeyMaterial } from "@/lib/secrets/service";
import type { Scope } from "@/lib/scope";
import type { ConnectorWithSecrets } from "./queries";
import { connectorSecretRefs } from "./schemas";
import { roleSessionName } from "@/lib/aws/sts";
import { refreshingWebIdentity } from "@/lib/aws/web-identity";

/** A setup problem found before any AWS call; `code` feeds the hint table. */
export class CredentialSetupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CredentialSetupError";
  }
}

export interface BaseCredentials {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Where they came from, for the step detail (never a value). */
  source: string;
  /** For OIDC: what the token carries, for the step data and the trust-policy hints. */
  oidc?: OidcTokenFacts;
}

export interface OidcTokenFacts {
  issuer: string;
  audience: string;
  subject: string;
  roleArn: string;
  sessionTags: boolean;
}

/** Who the OIDC token speaks for: the connector and its scope (the `sub` and custom claims). */
export interface OidcCredentialContext extends TokenScope {
  connectorIdentifier: string;
  connectorName: string;
  /** Default CONNECTOR_VALIDATION. */
  context?: OidcContext;
  pipelineIdentifier?: string;
  /** A token the console signed for this run, on a delegate (which holds no signing key). */
  signed?: SignedOidcToken;
}

/**
 * What the console hands a delegate for an OIDC connector's task: the token it signed with the
 * account's key and its issuer, or why it could not sign one.
 */
export type SignedOidcToken =
  { issuer: string; token: string } | { issuer: string; error: { code: string; message: string } };

export interface BaseCredentialOptions {
  oidc?: OidcCredentialContext;
}

const oidcSetupError = (err: unknown) =>
  err instanceof KeyError || err instanceof ClaimsError
    ? new CredentialSetupError(err instanceof KeyError ? "OidcSigningKeyUnavailable" : "OidcClaimsInvalid", err.message)
    : err;

/**
 * `sdk` is merged into the configuration of the STS clients that providers create, so they
 * get the connector's region, retries and time limits too.
 */
/** Reads a referenced secret's value (the caller decides how: prefetched or from the store). */
export type SecretReader = (ref: string) => Promise<string>;

/**
 * Reads a stored connector's secrets: those that came with it (field → ref → sealed row), else
 * from the connector's own scope, where its references were written.
 */
export function secretReaderFor(
  row: Pick<ConnectorWithSecrets, "secretRefs">,
  spec: AwsConnectorSpec,
  scope: Scope,
): SecretReader {
  const byField = new Map(row.secretRefs.map((r) => [r.field, r.secret]));
  const byRef = new Map(connectorSecretRefs({ spec }).map((r) => [r.ref, byField.get(r.field)]));
  return async (ref) => {
    const secret = byRef.get(ref);
    return secret ? openAwsKeyMaterial(secret) : readAwsKeyMaterial(scope, ref);
  };
}

export async function baseCredentials(
  credential: AwsCredential,
  readSecret: SecretReader,
  sdk: Record<string, unknown> = {},
  options: BaseCredentialOptions = {},
): Promise<BaseCredentials> {
  const region = credential.region;
  switch (credential.type) {
    case "ManualConfig": {
      const spec = credential.spec;
      const [accessKeyId, secretAccessKey, sessionToken] = await Promise.all([
        spec.accessKey ?? readSecret(spec.accessKeyRef!),
        readSecret(spec.secretKeyRef),
        spec.sessionTokenRef ? readSecret(spec.sessionTokenRef) : undefined,
      ]);
      const source = `access key ${spec.accessKey ? accessKeyId : `from secret ${spec.accessKeyRef}`}${sessionToken ? " with a session token" : ""}`;
      return {
        credentials: {
          accessKeyId: accessKeyId.trim(),
          secretAccessKey: secretAccessKey.trim(),
          sessionToken: sessionToken?.trim(),
        },
        source,
      };
    }
    case "InheritFromDelegate":
      // The server's default chain: env vars, shared config, container and instance roles.
      return {
        credentials: fromNodeProviderChain({ clientConfig: { ...sdk, region } }),
        source: "the Conduit server's default credential chain",
      };
    case "Irsa": {
      const { AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN } = env();
      if (!AWS_WEB_IDENTITY_TOKEN_FILE || !AWS_ROLE_ARN) {
        throw new CredentialSetupError(
          "IrsaNotConfigured",
          "IRSA needs AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN on the Conduit server; EKS sets them when the pod's service account is annotated with eks.amazonaws.com/role-arn.",
        );
      }
      return {
        credentials: fromTokenFile({ clientConfig: { ...sdk, region }, roleSessionName: "conduit-irsa" }),
        source: `IRSA web identity for ${AWS_ROLE_ARN}`,
      };
    }
    case "OidcAuthentication": {
      const ctx = options.oidc;
      if (!ctx)
        throw new CredentialSetupError(
          "OidcContextMissing",
          "OIDC credentials need the connector and scope the token speaks for.",
        );
      const roleArn = credential.spec.iamRoleArn;
      const { signed } = ctx;
      if (signed && "error" in signed) throw new CredentialSetupError(signed.error.code, signed.error.message);
      const input = oidcMintInput(credential, ctx, signed?.issuer);
      let claims;
      try {
        claims = oidcClaims(input, Math.floor(Date.now() / 1000));
      } catch (err) {
        throw oidcSetupError(err);
      }
      return {
        // A new token on every refresh: a token lives at most an hour, the provider longer.
        credentials: refreshingWebIdentity({
          roleArn,
          roleSessionName: roleSessionName(ctx.connectorIdentifier),
          token: signed
            ? () => Promise.resolve(signed.token)
            : () =>
                mintOidcToken(input).then(
                  (t) => t.token,
                  (err: unknown) => Promise.reject(oidcSetupError(err)),
                ),
          clientConfig: { ...sdk, region },
        }),
        source: `OIDC web identity for ${roleArn} (issuer ${input.issuer}, subject ${claims.sub})`,
        oidc: {
          issuer: input.issuer,
          audience: claims.aud,
          subject: claims.sub,
          roleArn,
          sessionTags: AWS_TAGS_CLAIM in claims,
        },
      };
    }
  }
}

/** What an OIDC connector's token carries: its scope and context, its session tags, the issuer. */
function oidcMintInput(
  credential: Extract<AwsCredential, { type: "OidcAuthentication" }>,
  ctx: OidcCredentialContext,
  issuer = issuerUrl(ctx.accountId),
) {
  const { signed: _signed, ...who } = ctx;
  return {
    ...who,
    context: ctx.context ?? "CONNECTOR_VALIDATION",
    sessionTagKeys: credential.spec.oidcSessionTagKeys,
    issuer,
  };
}

/**
 * Signs the token an OIDC connector's task on a delegate will use (the delegate holds no signing
 * key): the token and its issuer, or the setup problem met, for the delegate's test to report.
 */
export async function signOidcToken(
  credential: Extract<AwsCredential, { type: "OidcAuthentication" }>,
  ctx: OidcCredentialContext,
): Promise<SignedOidcToken> {
  const input = oidcMintInput(credential, ctx);
  try {
    return { issuer: input.issuer, token: (await mintOidcToken(input)).token };
  } catch (err) {
    const e = oidcSetupError(err);
    return {
      issuer: input.issuer,
      error:
        e instanceof CredentialSetupError
          ? { code: e.code, message: e.message }
          : { code: "OidcSigningKeyUnavailable", message: "The console could not sign the OIDC token." },
    };
  }
}

/** Delegate selectors: the connector runs here only when this server carries every selector. */
export function delegateMismatch(selectors: string[]): string | null {
  if (!selectors.length) return null;
  const tags = new Set(
    env()
      .CONDUIT_DELEGATE_TAGS.split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  );
  const missing = selectors.filter((s) => !tags.has(s));
  if (!missing.length) return null;
  return `No delegate matches the selectors ${missing.join(", ")}: this Conduit server's tags are ${tags.size ? [...tags].join(", ") : "(none)"}. Set CONDUIT_DELEGATE_TAGS or remove the selectors.`;
}
