// The base credentials of a connector, before any cross-account role: stored keys, the
// server's own chain, or IRSA's web identity token file. OIDC federation is not wired yet.
import "server-only";
import { fromNodeProviderChain, fromTokenFile } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { AwsCredential } from "@/lib/connectors/schemas";
import { env } from "@/lib/env";

/** A setup problem found before any AWS call; `code` feeds the hint table. */
export class CredentialSetupError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "CredentialSetupError";
  }
}

export interface BaseCredentials {
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Where they came from, for the step detail (never a value). */
  source: string;
}

/**
 * `sdk` is merged into the configuration of the STS clients that providers create, so they
 * get the connector's region, retries and time limits too.
 */
/** Reads a referenced secret's value (the caller decides how: prefetched or from the store). */
export type SecretReader = (ref: string) => Promise<string>;

export async function baseCredentials(credential: AwsCredential, readSecret: SecretReader, sdk: Record<string, unknown> = {}): Promise<BaseCredentials> {
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
      return { credentials: { accessKeyId: accessKeyId.trim(), secretAccessKey: secretAccessKey.trim(), sessionToken: sessionToken?.trim() }, source };
    }
    case "InheritFromDelegate":
      // The server's default chain: env vars, shared config, container and instance roles.
      return { credentials: fromNodeProviderChain({ clientConfig: { ...sdk, region } }), source: "the Conduit server's default credential chain" };
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
    case "OidcAuthentication":
      throw new CredentialSetupError("OidcNotAvailable", "OIDC federation is not available in this version of Conduit yet; use another credential type for now.");
  }
}

/** Delegate selectors: the connector runs here only when this server carries every selector. */
export function delegateMismatch(selectors: string[]): string | null {
  if (!selectors.length) return null;
  const tags = new Set(env().CONDUIT_DELEGATE_TAGS.split(",").map((t) => t.trim()).filter(Boolean));
  const missing = selectors.filter((s) => !tags.has(s));
  if (!missing.length) return null;
  return `No delegate matches the selectors ${missing.join(", ")}: this Conduit server's tags are ${tags.size ? [...tags].join(", ") : "(none)"}. Set CONDUIT_DELEGATE_TAGS or remove the selectors.`;
}
