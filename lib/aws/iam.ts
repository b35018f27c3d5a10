// IAM calls: iam:SimulatePrincipalPolicy (which actions a principal may call, on which resources),
// GetRole (a role's trust policy, decoded) and the account's OpenID Connect providers.
import "server-only";
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { clientConfig, type CallOptions } from "./clients";

// IAM is a global service: its endpoint lives in the partition's home region.
const iamClient = (o: CallOptions) =>
  new IAMClient(clientConfig({ ...o, region: o.region.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1" }));

async function withIam<T>(o: CallOptions, f: (client: IAMClient) => Promise<T>): Promise<T> {
  const client = iamClient(o);
  try {
    return await f(client);
  } finally {
    client.destroy();
  }
}

export interface SimulationResult {
  action: string;
  resource: string;
  decision: string;
  /** SourcePolicyId of each statement that decided. */
  matched: string[];
  missingContext: string[];
}

export async function simulatePermissions(
  o: CallOptions,
  principalArn: string,
  actions: string[],
  extra: { resources?: string[]; context?: Array<{ key: string; values: string[] }> } = {},
) {
  return withIam(o, async (client) => {
    const results: SimulationResult[] = [];
    let requestId: string | undefined;
    let marker: string | undefined;
    // IAM pages the answer (100 results by default): follow the marker until it is whole.
    do {
      const out = await client.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: principalArn,
          ActionNames: actions,
          ...(extra.resources?.length ? { ResourceArns: extra.resources } : {}),
          ...(extra.context?.length
            ? {
                ContextEntries: extra.context.map((c) => ({
                  ContextKeyName: c.key,
                  ContextKeyValues: c.values,
                  ContextKeyType: "string" as const,
                })),
              }
            : {}),
          ...(marker ? { Marker: marker } : {}),
        }),
        { abortSignal: o.signal },
      );
      requestId ??= out.$metadata.requestId;
      results.push(
        ...(out.EvaluationResults ?? []).map((r): SimulationResult => ({
          action: r.EvalActionName ?? "",
          resource: r.EvalResourceName ?? "*",
          decision: r.EvalDecision ?? "implicitDeny",
          matched: (r.MatchedStatements ?? []).map((m) => m.SourcePolicyId ?? ""),
          missingContext: r.MissingContextValues ?? [],
        })),
      );
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
    return { results, requestId };
  });
}

export interface RoleDescription {
  arn: string;
  name: string;
  /** The trust policy (AssumeRolePolicyDocument), URL-decoded and parsed. */
  trustPolicy: unknown;
  requestId?: string;
}

/** GetRole by name: IAM returns the trust policy URL-encoded. */
export async function getRole(o: CallOptions, roleName: string): Promise<RoleDescription> {
  return withIam(o, async (client) => {
    const out = await client.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal: o.signal });
    const raw = out.Role?.AssumeRolePolicyDocument ?? "";
    let trustPolicy: unknown = null;
    try {
      trustPolicy = raw ? JSON.parse(decodeURIComponent(raw)) : null;
    } catch {
      trustPolicy = null;
    }
    return {
      arn: out.Role?.Arn ?? "",
      name: out.Role?.RoleName ?? roleName,
      trustPolicy,
      requestId: out.$metadata.requestId,
    };
  });
}

export interface OidcProviderDescription {
  arn: string;
  /** As IAM stores it: host and path, without https://. */
  url: string;
  clientIds: string[];
  thumbprints: string[];
}

/** The account's IAM OIDC provider for `issuer` (host + path compared), or null. */
export async function findOidcProvider(o: CallOptions, issuer: string): Promise<OidcProviderDescription | null> {
  const hostPath = issuer.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return withIam(o, async (client) => {
    const list = await client.send(new ListOpenIDConnectProvidersCommand({}), { abortSignal: o.signal });
    const arn = (list.OpenIDConnectProviderList ?? [])
      .map((p) => p.Arn ?? "")
      .find((a) => a.endsWith(`:oidc-provider/${hostPath}`));
    if (!arn) return null;
    const p = await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }), {
      abortSignal: o.signal,
    });
    return { arn, url: p.Url ?? hostPath, clientIds: p.ClientIDList ?? [], thumbprints: p.ThumbprintList ?? [] };
  });
}

/** IAM simulates identities, not sessions: arn:…:sts::acct:assumed-role/R/s → arn:…:iam::acct:role/R. */
export function policySourceArn(callerArn: string): string {
  const m = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : callerArn;
}
