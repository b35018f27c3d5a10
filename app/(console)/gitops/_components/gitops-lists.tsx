"use client";
import Link from "next/link";
import { useState } from "react";
import { FilterBar, FilterSelect, useListSearch } from "@/components/lists/filter-bar";
import { ListResults } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { useGitopsAgents, useGitopsClusters } from "@/lib/gitops/hooks";
import { CONNECTION_STATUSES, type ConnectionStatus } from "@/lib/gitops/schemas";
import type { ScopeRef } from "@/lib/scope";
import { useScope } from "@/lib/scopes/hooks";
import { newClusterHref } from "./links";
import { AgentDeleteDialog } from "./agent-delete-dialog";
import { AgentTable, ClusterTable } from "./tables";

export function ClusterList({ scope, canCreate }: { scope: ScopeRef; canCreate: boolean }) {
  const { href } = useScope();
  const search = useListSearch();
  const [status, setStatus] = useState<ConnectionStatus | "">("");
  const list = useGitopsClusters(scope, { q: search.q, status: status || undefined });
  const items = list.data?.items ?? [];
  const filtered = Boolean(search.q || status);
  const clear = () => {
    search.setText("");
    setStatus("");
  };
  return (
    <>
      <FilterBar
        label="Filter clusters"
        search={{ id: "cluster-search", value: search.text, onChange: search.setText }}
        onClear={filtered ? clear : undefined}
        updating={list.isFetching && !list.isPending}
      >
        <FilterSelect
          id="cluster-status-filter"
          label="Connection status"
          value={status}
          onChange={setStatus}
          all="Any status"
          options={CONNECTION_STATUSES.map((s) => ({ value: s, label: s }))}
        />
      </FilterBar>
      <ListResults
        query={list}
        count={items.length}
        loading="Loading clusters…"
        icon="gitops"
        empty={{
          title: "No GitOps clusters yet",
          action: canCreate ? (
            <Button variant="primary" asChild>
              <Link href={newClusterHref(href)}>New cluster</Link>
            </Button>
          ) : undefined,
          children:
            "Import a cluster from EKS, follow the setup guide generated for your own roles, and test that the agent can reach it.",
        }}
        noMatch={
          filtered
            ? { title: "No clusters match", onClear: clear, children: "Nothing in this project matches these filters." }
            : undefined
        }
      >
        <ClusterTable items={items} />
      </ListResults>
    </>
  );
}

export function AgentList({
  scope,
  onEdit,
  onNew,
  onNotice,
  editDisabledReason,
  deleteDisabledReason,
}: {
  scope: ScopeRef;
  onEdit: (a: GitopsAgentDto) => void;
  /** Offers "New agent" in the empty list; unset when the caller may not create one. */
  onNew?: () => void;
  onNotice: (s: string) => void;
  editDisabledReason?: string;
  deleteDisabledReason?: string;
}) {
  const search = useListSearch();
  const list = useGitopsAgents(scope, search.q);
  const [deleting, setDeleting] = useState<GitopsAgentDto | null>(null);
  const items = list.data?.items ?? [];
  return (
    <>
      <FilterBar
        label="Filter agents"
        search={{ id: "agent-search", value: search.text, onChange: search.setText }}
        updating={list.isFetching && !list.isPending}
      />
      <ListResults
        query={list}
        count={items.length}
        loading="Loading agents…"
        icon="gitops"
        empty={{
          title: "No agents yet",
          action: onNew ? (
            <Button variant="primary" onClick={onNew}>
              New agent
            </Button>
          ) : undefined,
          children:
            "Register the GitOps agent that runs in your management cluster: its namespace, the connector that reaches the cluster and the IAM role its service accounts assume.",
        }}
        noMatch={
          search.q
            ? {
                title: "No agents match",
                action: <Button onClick={() => search.setText("")}>Clear search</Button>,
                children: `No agent in this project has “${search.q}” in its name or identifier.`,
              }
            : undefined
        }
      >
        <AgentTable
          items={items}
          onEdit={onEdit}
          onDelete={setDeleting}
          editDisabledReason={editDisabledReason}
          deleteDisabledReason={deleteDisabledReason}
        />
      </ListResults>
      <AgentDeleteDialog
        scope={scope}
        target={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(a) => onNotice(`Deleted agent ${a.agent.name}.`)}
      />
    </>
  );
}
