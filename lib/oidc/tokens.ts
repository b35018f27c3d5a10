// Mints Conduit's OIDC tokens: Harness-compatible claims, signed RS256 with the account's
// active key (header alg, typ JWT, kid = the key's RFC 7638 thumbprint).
import "server-only";
import { SignJWT } from "jose";
import { oidcClaims, OIDC_ALG, type ClaimsInput, type OidcClaims } from "./claims";
import { issuerUrl } from "./issuer";
import { activeKid, activeSigningKey } from "./keys";

export interface TokenHeader {
  alg: typeof OIDC_ALG;
  typ: "JWT";
  kid: string;
}

export type MintInput = Omit<ClaimsInput, "issuer"> & {
  /** Default: the configured issuer (CONDUIT_PUBLIC_URL or http://localhost:<PORT>). */
  issuer?: string;
  /** Epoch milliseconds; tests move it (e.g. to the AWS emulator's clock). */
  now?: () => number;
};

export interface MintedToken {
  token: string;
  header: TokenHeader;
  claims: OidcClaims;
}

const claimsOf = (input: MintInput) =>
  oidcClaims(
    { ...input, issuer: input.issuer ?? issuerUrl(input.accountId) },
    Math.floor((input.now?.() ?? Date.now()) / 1000),
  );

export async function mintOidcToken(input: MintInput): Promise<MintedToken> {
  const claims = claimsOf(input);
  const key = await activeSigningKey(input.accountId);
  const header: TokenHeader = { alg: OIDC_ALG, typ: "JWT", kid: key.kid };
  const token = await new SignJWT({ ...claims }).setProtectedHeader({ ...header }).sign(key.privateKey);
  return { token, header, claims };
}

/** What a token would carry right now, without signing one (for previews and hints). */
export async function describeOidcToken(input: MintInput): Promise<Omit<MintedToken, "token">> {
  const claims = claimsOf(input);
  return { header: { alg: OIDC_ALG, typ: "JWT", kid: await activeKid(input.accountId) }, claims };
}
