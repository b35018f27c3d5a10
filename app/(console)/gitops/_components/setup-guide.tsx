"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert, Card } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import type { GuideBlock } from "@/lib/gitops/guide";
import { useClusterGuide } from "@/lib/gitops/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";

const LANGUAGE = { json: "JSON", shell: "Shell", yaml: "YAML" } as const;

/** The IRSA setup, step by step, generated for this cluster's own roles, namespace and partition. */
export function SetupGuide({ scope, identifier }: { scope: ScopeRef; identifier: string }) {
  const guide = useClusterGuide(scope, identifier);
  if (guide.isPending) {
    return (
      <p className="flex items-center gap-2 py-6 text-sm text-muted">
        <Spinner /> Generating the guide (reading the management cluster&apos;s OIDC issuer)…
      </p>
    );
  }
  if (guide.isError) return <Alert>{errorMessage(guide.error)}</Alert>;
  const { issuer, values } = guide.data;
  return (
    <div className="flex flex-col gap-5">
      <p className="max-w-3xl text-sm text-muted">
        The agent in namespace <span className="font-mono text-fg">{values.agentNamespace}</span> assumes{" "}
        <span className="font-mono text-fg">{values.agentRoleArn}</span> through the management cluster&apos;s OIDC
        provider, then the deployer role <span className="font-mono text-fg">{values.deployerRoleArn}</span>, which{" "}
        <span className="font-mono text-fg">{values.clusterName}</span> maps to system:masters. Every block below
        already holds these values ({values.partition === "aws" ? "commercial AWS" : values.partition}).
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
