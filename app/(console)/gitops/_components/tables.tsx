"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DataTable, NameCell, actionsColumn, type Column } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/misc";
import type { GitopsAgentDto, GitopsClusterDto } from "@/lib/gitops/dto";
import { AGENT_FLAVOUR_INFO } from "@/lib/gitops/flavours";
import { CLUSTER_AUTH_INFO } from "@/lib/gitops/schemas";
import { useScope } from "@/lib/scopes/hooks";
import { agentHref, clusterHref, newClusterHref } from "./links";
import { ConnectionStatusBadge } from "./status-badge";

const mono = "font-mono text-xs";

export function ClusterTable({ items }: { items: GitopsClusterDto[] }) {
  const { href } = useScope();
  const columns: Column<GitopsClusterDto>[] = [
    {
      id: "cluster",
      header: "Cluster",
      cell: ({ cluster: c }) => (
        <NameCell name={c.name} identifier={c.identifier} href={clusterHref(href, c.identifier)}>
          <div className={`${mono} mt-0.5 truncate text-muted`} title={c.spec.masterUrl}>
            {c.spec.masterUrl}
          </div>
        </NameCell>
      ),
    },
    { id: "agent", header: "Agent", hideBelow: "md", cell: (c) => c.agent.name },
    {
      id: "auth",
      header: "Authentication",
      hideBelow: "lg",
      cell: ({ cluster: c }) => <Badge>{CLUSTER_AUTH_INFO[c.spec.authentication.type].label}</Badge>,
    },
    {
      id: "connection",
      header: "Connection",
      cell: ({ status: s }) => <ConnectionStatusBadge status={s.connectionStatus} testedAt={s.testedAt} />,
    },
    {
      id: "kubernetes",
      header: "Kubernetes",
      hideBelow: "sm",
      className: mono,
      cell: ({ status: s }) => s.serverVersion ?? <span className="text-muted">—</span>,
    },
  ];
  return <DataTable caption="GitOps clusters" columns={columns} rows={items} rowKey={(c) => c.cluster.identifier} />;
}

export function AgentTable({
  items,
  onEdit,
  onDelete,
  editDisabledReason,
  deleteDisabledReason,
}: {
  items: GitopsAgentDto[];
  onEdit: (a: GitopsAgentDto) => void;
  onDelete: (a: GitopsAgentDto) => void;
  /** Set while that action is not available (a missing permission, or not known yet). */
  editDisabledReason?: string;
  deleteDisabledReason?: string;
}) {
  const { href } = useScope();
  const columns: Column<GitopsAgentDto>[] = [
    {
      id: "agent",
      header: "Agent",
      cell: ({ agent: a }) => (
        <NameCell name={a.name} identifier={a.identifier} href={agentHref(href, a.identifier)}>
          <div className="text-xs text-muted">
            {AGENT_FLAVOUR_INFO[a.spec.flavour].label} · namespace <span className="font-mono">{a.namespace}</span>
          </div>
        </NameCell>
      ),
    },
    {
      id: "management",
      header: "Management cluster",
      hideBelow: "md",
      cell: ({ agent: a }) => (
        <>
          <div className={mono}>{a.spec.managementCluster}</div>
          <div className="text-xs text-muted">via {a.spec.connectorRef}</div>
        </>
      ),
    },
    {
      id: "role",
      header: "Agent role",
      hideBelow: "lg",
      className: `${mono} max-w-xs break-all`,
      cell: ({ agent: a }) => a.spec.agentRoleArn,
    },
    {
      id: "clusters",
      header: "Clusters",
      cell: (a) => (
        <Link href={newClusterHref(href, a.agent.identifier)} className="text-accent hover:underline">
          {a.clusterCount === 0 ? "Add a cluster" : `${a.clusterCount} · add`}
        </Link>
      ),
    },
    actionsColumn((a) => (
      <>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onEdit(a)}
          aria-label={`Edit ${a.agent.name}`}
          disabledReason={editDisabledReason}
        >
          Edit
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="text-danger"
          onClick={() => onDelete(a)}
          aria-label={`Delete ${a.agent.name}`}
          disabledReason={deleteDisabledReason}
        >
          Delete
        </Button>
      </>
    )),
  ];
  return <DataTable caption="GitOps agents" columns={columns} rows={items} rowKey={(a) => a.agent.identifier} />;
}
