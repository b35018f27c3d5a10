// The OIDC endpoints' logic: discovery and JWKS of the configured account (public), key
// listing and rotation (admin), and the preview of the token a connector would send.
import "server-only";
import { partitionOf } from "@/lib/aws/partitions";
import { AppError } from "@/lib/http/errors";
import { resolveScope, accountId as configuredAccount } from "@/lib/scopes/service";
import type { Actor, Scope } from "@/lib/scope";
import { ClaimsError, AWS_TAGS_CLAIM } from "./claims";
import { discoveryDocument, issuerReachability, issuerUrl, type DiscoveryDocument } from "./issuer";
import { API_ROTATION_LIMIT, jwks, listSigningKeys, rotateSigningKey } from "./keys";
import { RotationLimited } from "./key-store";
import { issuerHostPath, oidcProviderArn, oidcSetupCommands, oidcTrustPolicy, roleOfArn } from "./policy";
import type { OidcKeyDto, OidcPreview, OidcPreviewRequest, OidcRotationDto } from "./schemas";
import { describeOidcToken } from "./tokens";

/** Public, cacheable: AWS refetches on an unknown kid, and a retired key outlives this by far. */
export const PUBLIC_CACHE_HEADERS = { "cache-control": "public, max-age=300" };

function knownAccount(accountId: string): string {
  if (accountId !== configuredAccount()) throw new AppError("NOT_FOUND", `No OIDC issuer for account "${accountId}"`);
  return accountId;
}

export function oidcDiscovery(accountId: string, requestOrigin: string): DiscoveryDocument {
  return discoveryDocument(issuerUrl(knownAccount(accountId), requestOrigin));
}

export function oidcJwks(accountId: string) {
  return jwks(knownAccount(accountId));
}

export const listOidcKeys = (): Promise<OidcKeyDto[]> => listSigningKeys(configuredAccount());

/** Rotation from the console or API: limited per account (429 with Retry-After). */
export async function rotateOidcKey(by: Actor): Promise<OidcRotationDto> {
  try {
    return await rotateSigningKey(configuredAccount(), by, API_ROTATION_LIMIT);
  } catch (err) {
    if (!(err instanceof RotationLimited)) throw err;
    const seconds = Math.ceil(err.retryAfterMs / 1000);
    throw new AppError(
      "RATE_LIMITED",
      `${err.message}; the next one is possible in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}. \`npm run oidc:rotate-key\` on the server has no limit, for an emergency.`,
      { headers: { "retry-after": String(seconds) } },
    );
  }
}

async function previewScope(scope: Scope, body: OidcPreviewRequest): Promise<Scope> {
  if (!body.org && !body.project) return scope;
  const fromBody = await resolveScope({ org: body.org, project: body.project });
  if (
    scope.level !== "account" &&
    (fromBody.orgIdentifier !== scope.orgIdentifier || fromBody.projectIdentifier !== scope.projectIdentifier)
  ) {
    throw new AppError("VALIDATION_FAILED", "The body's org/project differ from the query's scope", {
      fieldErrors: { org: ["Differs from ?org="] },
    });
  }
  return fromBody;
}

export async function previewOidcToken(opts: { scope: Scope; body: OidcPreviewRequest }): Promise<OidcPreview> {
  const scope = await previewScope(opts.scope, opts.body);
  const b = opts.body;
  let described;
  try {
    described = await describeOidcToken({
      accountId: scope.accountId,
      orgIdentifier: scope.orgIdentifier,
      projectIdentifier: scope.projectIdentifier,
      connectorIdentifier: b.connectorIdentifier,
      connectorName: b.connectorName ?? b.connectorIdentifier,
      context: "CONNECTOR_VALIDATION",
      sessionTagKeys: b.oidcSessionTagKeys,
    });
  } catch (err) {
    if (err instanceof ClaimsError) throw new AppError("VALIDATION_FAILED", err.message);
    throw err;
  }
  const { header, claims } = described;
  const role = b.iamRoleArn ? roleOfArn(b.iamRoleArn) : null;
  const partition = role?.partition ?? partitionOf(b.region ?? "us-east-1");
  const policyInput = role
    ? {
        partition,
        accountId: role.accountId,
        issuer: claims.iss,
        audience: claims.aud,
        subject: claims.sub,
        sessionTags: AWS_TAGS_CLAIM in claims,
      }
    : null;
  const reach = issuerReachability();
  return {
    issuer: claims.iss,
    audience: claims.aud,
    subject: claims.sub,
    header,
    claims,
    provider: {
      url: claims.iss,
      clientId: claims.aud,
      hostPath: issuerHostPath(claims.iss),
      partition,
      arn: policyInput ? oidcProviderArn(policyInput) : null,
      arnPattern: `arn:${partition}:iam::<aws-account-id>:oidc-provider/${issuerHostPath(claims.iss)}`,
    },
    trustPolicy: policyInput ? oidcTrustPolicy(policyInput) : null,
    setup:
      policyInput && role
        ? oidcSetupCommands({ ...policyInput, roleName: role.roleName, rolePath: role.path, region: b.region })
        : null,
    publiclyReachable: reach.publiclyReachable,
    ...(reach.reason ? { reachabilityWarning: reach.reason } : {}),
  };
}
