"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/misc";
import type { GitopsAgentDto, GitopsClusterDto } from "@/lib/gitops/dto";
import { CLUSTER_AUTH_INFO } from "@/lib/gitops/schemas";
import { useScope } from "@/lib/scopes/hooks";
import { clusterHref, newClusterHref } from "./links";
import { ConnectionStatusBadge } from "./status-badge";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
const td = "px-3 py-2.5 align-top";

export function ClusterTable({ items }: { items: GitopsClusterDto[] }) {
  const { href } = useScope();
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">GitOps clusters</caption>
        <thead className="bg-surface-2">
          <tr>
            <th scope="col" className={th}>
              Cluster
            </th>
            <th scope="col" className={th}>
              Agent
            </th>
            <th scope="col" className={th}>
              Authentication
            </th>
            <th scope="col" className={th}>
              Connection
            </th>
            <th scope="col" className={th}>
              Kubernetes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {items.map((c) => (
            <tr key={c.cluster.identifier} className="bg-surface">
              <td className={td}>
                <Link
                  href={clusterHref(href, c.cluster.identifier)}
                  className="font-medium text-accent hover:underline"
                >
                  {c.cluster.name}
                </Link>
                <div className="mt-0.5 max-w-md truncate font-mono text-xs text-muted" title={c.cluster.spec.masterUrl}>
                  {c.cluster.spec.masterUrl}
                </div>
              </td>
              <td className={td}>{c.agent.name}</td>
              <td className={td}>
                <Badge>{CLUSTER_AUTH_INFO[c.cluster.spec.authentication.type].label}</Badge>
              </td>
              <td className={td}>
                <ConnectionStatusBadge status={c.status.connectionStatus} testedAt={c.status.testedAt} />
              </td>
              <td className={`${td} font-mono text-xs`}>
                {c.status.serverVersion ?? <span className="text-muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AgentTable({
  items,
  onEdit,
  onDelete,
}: {
  items: GitopsAgentDto[];
  onEdit: (a: GitopsAgentDto) => void;
  onDelete: (a: GitopsAgentDto) => void;
}) {
  const { href } = useScope();
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">GitOps agents</caption>
        <thead className="bg-surface-2">
          <tr>
            <th scope="col" className={th}>
              Agent
            </th>
            <th scope="col" className={th}>
              Management cluster
            </th>
            <th scope="col" className={th}>
              Agent role
            </th>
            <th scope="col" className={th}>
              Clusters
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {items.map((a) => (
            <tr key={a.agent.identifier} className="bg-surface">
              <td className={td}>
                <div className="font-medium">{a.agent.name}</div>
                <div className="font-mono text-xs text-muted">namespace {a.agent.namespace}</div>
              </td>
              <td className={td}>
                <div className="font-mono text-xs">{a.agent.spec.managementCluster}</div>
                <div className="text-xs text-muted">via {a.agent.spec.connectorRef}</div>
              </td>
              <td className={`${td} max-w-xs break-all font-mono text-xs`}>{a.agent.spec.agentRoleArn}</td>
              <td className={td}>
                <Link href={newClusterHref(href, a.agent.identifier)} className="text-accent hover:underline">
                  {a.clusterCount === 0 ? "Add a cluster" : `${a.clusterCount} · add`}
                </Link>
              </td>
              <td className={`${td} whitespace-nowrap text-right`}>
                <Button size="sm" variant="ghost" onClick={() => onEdit(a)} aria-label={`Edit ${a.agent.name}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-danger"
                  onClick={() => onDelete(a)}
                  aria-label={`Delete ${a.agent.name}`}
                >
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
