"use client";
import { useWatch } from "react-hook-form";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { isIamRoleArn } from "@/lib/aws/partitions";
import type { ConnectorFormValues } from "@/lib/connectors/schemas";
import { errorMessage } from "@/lib/http/client";
import { useOidcPreview } from "@/lib/oidc/hooks";
import type { ScopeRef } from "@/lib/scope";

function CopyRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-muted">{label}</span>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 break-all rounded border border-border bg-surface-2 px-2 py-1.5 font-mono text-xs"
          aria-label={label}
        >
          {value}
        </code>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

/** The OIDC preview (issuer, subject, trust policy) for the connector as it is being typed. */
export function useConnectorOidcPreview(scope: ScopeRef) {
  const [name, identifier, roleArn, region, sessionTagKeys] = useWatch<ConnectorFormValues>({
    name: [
      "name",
      "identifier",
      "spec.credential.spec.iamRoleArn",
      "spec.credential.region",
      "spec.credential.spec.oidcSessionTagKeys",
    ],
  }) as [string, string, string | undefined, string | undefined, string[] | undefined];
  const arn = roleArn?.trim() ?? "";
  return useOidcPreview(scope, {
    connectorIdentifier: identifier || undefined,
    connectorName: name || undefined,
    iamRoleArn: isIamRoleArn(arn) ? arn : undefined,
    region: region as never,
    oidcSessionTagKeys: sessionTagKeys?.length ? (sessionTagKeys as never) : undefined,
  });
}

/** What AWS must trust for this connector: Conduit's issuer, the audience, the subject, the role's trust policy. */
export function OidcSetupPanel({ scope }: { scope: ScopeRef }) {
  const preview = useConnectorOidcPreview(scope);
  const p = preview.data;

  return (
    <section aria-label="Identity provider setup" className="flex flex-col gap-4 rounded-md border border-border p-4">
      <div>
        <h4 className="font-medium">Identity provider setup</h4>
        <p className="mt-1 text-sm text-muted">
          Conduit is the OpenID Connect issuer. Register it in IAM as an identity provider, and let the role trust
          tokens with this audience and subject; no keys are stored.
        </p>
      </div>
      {preview.isLoading && <Spinner label="Loading the provider details" />}
      {preview.isError && <Alert>{errorMessage(preview.error)}</Alert>}
      {p && (
        <>
          {!p.publiclyReachable && (
            <Alert tone="warning" title="AWS cannot reach this issuer yet">
              {p.reachabilityWarning ??
                "Set CONDUIT_PUBLIC_URL to the public HTTPS address of Conduit so AWS can fetch its keys."}
            </Alert>
          )}
          <CopyRow label="Provider URL" value={p.provider.url} />
          <CopyRow label="Audience" value={p.audience} />
          <CopyRow label="Subject (sub)" value={p.subject} />
          {p.setup ? (
            <>
              <CodeBlock label="Trust policy" text={p.setup.trustPolicyJson} />
              <CodeBlock label="AWS CLI commands" text={p.setup.commands.join("\n")} />
              {p.setup.notes.length > 0 && (
                <ul className="list-inside list-disc text-xs text-muted">
                  {p.setup.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p className="text-sm text-muted">
              Enter the role ARN above to get its trust policy and the commands that create the provider and the role.
            </p>
          )}
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">Preview the token this connector sends</summary>
            <p className="mt-2 text-xs text-muted">
              Decoded header and claims of a token minted now; the signed token itself is never shown.
            </p>
            <pre className="mt-2 max-h-72 overflow-auto rounded border border-border bg-surface-2 p-3 font-mono text-xs">
              {JSON.stringify({ header: p.header, claims: p.claims }, null, 2)}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}
