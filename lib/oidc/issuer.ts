// Where Conduit's OIDC issuer lives: CONDUIT_PUBLIC_URL when set; otherwise the request's own
// origin for the HTTP endpoints and http://localhost:<PORT> for token minting (no request there).
import "server-only";
import { env } from "@/lib/env";
import { OIDC_ALG, OIDC_SESSION_TAG_KEYS } from "./claims";

const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** The base URL tokens and discovery documents are issued under. */
export function publicBaseUrl(requestOrigin?: string): string {
  const { CONDUIT_PUBLIC_URL, PORT } = env();
  if (CONDUIT_PUBLIC_URL) return trimSlash(CONDUIT_PUBLIC_URL);
  return trimSlash(requestOrigin ?? `http://localhost:${PORT}`);
}

/** `<base>/api/oidc/account/<accountId>`: the `iss` of every token of that account. */
export function issuerUrl(accountId: string, requestOrigin?: string): string {
  return `${publicBaseUrl(requestOrigin)}/api/oidc/account/${encodeURIComponent(accountId)}`;
}

export const CLAIMS_SUPPORTED = ["iss", "sub", "aud", "iat", "exp", ...OIDC_SESSION_TAG_KEYS] as const;

export interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  claims_supported: string[];
}

export function discoveryDocument(issuer: string): DiscoveryDocument {
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [OIDC_ALG],
    claims_supported: [...CLAIMS_SUPPORTED],
  };
}

// Loopback, unspecified, RFC 1918 / link-local / unique-local addresses and .local names.
const NOT_PUBLIC_HOST =
  /^(localhost|.*\.localhost|.*\.local|127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|\[::1?\]|\[f[cd][0-9a-f]*:.*\]|\[fe80:.*\])$/i;

export interface IssuerReachability {
  publiclyReachable: boolean;
  /** Why AWS cannot use this issuer, for the UI warning. */
  reason?: string;
}

/** Whether AWS (on the internet) can fetch the discovery document and JWKS of this issuer. */
export function issuerReachability(): IssuerReachability {
  const { CONDUIT_PUBLIC_URL } = env();
  if (!CONDUIT_PUBLIC_URL) {
    return {
      publiclyReachable: false,
      reason:
        "CONDUIT_PUBLIC_URL is not set, so tokens name a localhost issuer that AWS cannot reach. Set it to Conduit's public HTTPS URL.",
    };
  }
  const url = new URL(CONDUIT_PUBLIC_URL);
  if (NOT_PUBLIC_HOST.test(url.hostname)) {
    return {
      publiclyReachable: false,
      reason: `${url.hostname} is a local or private address; AWS fetches the issuer's keys from the internet.`,
    };
  }
  if (url.protocol !== "https:") {
    return {
      publiclyReachable: false,
      reason: "AWS only accepts OIDC issuers served over HTTPS; CONDUIT_PUBLIC_URL uses http.",
    };
  }
  return { publiclyReachable: true };
}

export const issuerIsPubliclyReachable = () => issuerReachability().publiclyReachable;
