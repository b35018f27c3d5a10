"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert, Card } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import type { GuideBlock } from "@/lib/gitops/guide";
import { AGENT_FLAVOUR_INFO } from "@/lib/gitops/flavours";
import { useGitopsGuide } from "@/lib/gitops/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";

const LANGUAGE = { json: "JSON", shell: "Shell", yaml: "YAML" } as const;

/**
 * The IRSA setup, step by step, generated for this cluster's own roles, namespace and partition
 * (`kind` "clusters"), or the agent's part of it, the same for every cluster it deploys to.
 */
export function SetupGuide({
  scope,
  kind,
  identifier,
}: {
  scope: ScopeRef;
  kind: "agents" | "clusters";
  identifier: string;
}) {
  const guide = useGitopsGuide(scope, kind, identifier);
  if (guide.isPending) {
    return (
      <p className="flex items-center gap-2 py-6 text-sm text-muted">
        <Spinner /> Generating the guide (reading the management cluster&apos;s OIDC issuer)…
      </p>
    );
  }
  if (guide.isError) return <Alert>{errorMessage(guide.error)}</Alert>;
  const { issuer, values } = guide.data;
  const flavour = AGENT_FLAVOUR_INFO[values.flavour];
  const where = values.partition === "aws" ? "commercial AWS" : values.partition;
  const access =
    values.authenticationMode === "CONFIG_MAP"
      ? "through its aws-auth ConfigMap"
      : values.authenticationMode
        ? `through an EKS access entry (authentication mode ${values.authenticationMode})`
        : "through an EKS access entry (the cluster's authentication mode could not be read)";
  return (
    <div className="flex flex-col gap-5">
      <p className="max-w-3xl text-sm text-muted">
        The {flavour.label} in namespace <span className="font-mono text-fg">{values.agentNamespace}</span> of{" "}
        <span className="font-mono text-fg">{values.managementClusterName}</span> assumes{" "}
        <span className="font-mono text-fg">{values.agentRoleArn}</span> through the management cluster&apos;s OIDC
        provider (service accounts {flavour.serviceAccounts.join(" and ")}).{" "}
        {kind === "clusters" ? (
          <>
            It then assumes the cluster role <span className="font-mono text-fg">{values.deployerRoleArn}</span>, which
            has access to <span className="font-mono text-fg">{values.clusterName}</span> {access}. Every block below
            already holds these values ({where}).
          </>
        ) : (
          <>
            These steps hold for every cluster the agent deploys to ({where}); each cluster&apos;s own guide adds its
            role, access and registration, and fills in <span className="font-mono text-fg">&lt;CLUSTER_ROLE&gt;</span>.
          </>
        )}
      </p>
      {issuer.source === "placeholder" ? (
        <Alert tone="warning" title="Replace the OIDC provider placeholder">
          {issuer.reason}
        </Alert>
      ) : (
        <Alert tone="info">
          OIDC issuer of the management cluster: <span className="break-all font-mono">{issuer.url}</span>
        </Alert>
      )}
      <ol className="flex flex-col gap-4">
        {guide.data.guide.blocks.map((b, i) => (
          <li key={b.id}>
            <GuideStep block={b} n={i + 1} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function GuideStep({ block, n }: { block: GuideBlock; n: number }) {
  const headingId = `guide-${block.id}`;
  return (
    <Card className="flex flex-col gap-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="text-base font-semibold">
            <span className="text-muted">{n}. </span>
            {block.title}
          </h3>
          <p className="mt-1 text-sm text-muted">{block.description}</p>
        </div>
        <div className="shrink-0">
          <CopyButton text={block.content} label={`Copy ${block.title.toLowerCase()}`} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <span>{LANGUAGE[block.language]}</span>
        {block.filename && (
          <span>
            · save as <span className="font-mono text-fg">{block.filename}</span>
          </span>
        )}
        {block.placeholders.length > 0 && (
          <span className="text-warning">· replace {block.placeholders.join(", ")}</span>
        )}
      </div>
      <pre
        aria-labelledby={headingId}
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-relaxed"
      >
        <code>{block.content}</code>
      </pre>
    </Card>
  );
}
