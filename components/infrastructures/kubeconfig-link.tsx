"use client";
import { kubeconfigUrl } from "@/lib/eks/hooks";
import type { ScopeRef } from "@/lib/scope";

/** A kubeconfig for the chosen cluster, authenticating with `aws eks get-token` and the connector's role. */
export function KubeconfigLink({
  scope,
  connectorRef,
  cluster,
  region,
}: {
  scope: ScopeRef;
  connectorRef: string;
  cluster: string;
  region: string;
}) {
  return (
    <p className="text-sm">
      <a
        href={kubeconfigUrl(scope, connectorRef, cluster, region)}
        download
        className="font-medium text-accent hover:underline"
      >
        Download kubeconfig
      </a>{" "}
      <span className="text-muted">
        for <span className="font-mono">{cluster}</span>: uses <code className="font-mono">aws eks get-token</code> with
        the connector&apos;s role, no secrets inside.
      </span>
    </p>
  );
}
