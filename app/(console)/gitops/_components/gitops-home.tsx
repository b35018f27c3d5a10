"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/field";
import { Alert, EmptyState, PageHeader } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { useDeleteGitops, useGitopsAgents, useGitopsClusters } from "@/lib/gitops/hooks";
import { CONNECTION_STATUSES, type ConnectionStatus } from "@/lib/gitops/schemas";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import { useDebouncedValue } from "../../connectors/_components/use-debounced-value";
import { AgentDialog } from "./agent-dialog";
import { AgentTable, ClusterTable } from "./tables";
import { gitopsHref, newClusterHref } from "./links";

type Tab = "clusters" | "agents";

export function GitopsHome() {
  const { org, project, level, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const tab: Tab = useSearchParams().get("tab") === "agents" ? "agents" : "clusters";
  const agents = useGitopsAgents(scope, undefined, level === "project");
  const [editing, setEditing] = useState<GitopsAgentDto | null | "new">(null);
  const [notice, setNotice] = useState<string>();

  if (level !== "project") {
    return (
      <>
        <PageHeader
          title="GitOps clusters"
          description="EKS clusters that a GitOps agent deploys to through an IAM role."
        />
        <ProjectScopeRequired what="GitOps agents and clusters" level={level} />
      </>
    );
  }
  const noAgents = agents.isSuccess && agents.data.items.length === 0;

  return (
    <>
      <PageHeader
        title="GitOps clusters"
        description="EKS clusters a GitOps agent deploys to. The agent runs in a management cluster and reaches each cluster through an IAM role."
        actions={
          <>
            <Button onClick={() => setEditing("new")}>New agent</Button>
            {!noAgents && (
              <Button variant="primary" asChild>
                <Link href={newClusterHref(href)}>New cluster</Link>
              </Button>
            )}
          </>
        }
      />
      {notice && (
        <div className="mb-4">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      <Tabs value={tab} onValueChange={(v) => router.replace(gitopsHref(href, v as Tab))}>
        <TabsList aria-label="GitOps views">
          <TabsTrigger value="clusters">Clusters</TabsTrigger>
          <TabsTrigger value="agents">Agents{agents.data ? ` (${agents.data.items.length})` : ""}</TabsTrigger>
        </TabsList>
        <TabsContent value="clusters">
          {noAgents ? (
            <EmptyState
              title="Register an agent first"
              icon="gitops"
              action={
                <Button variant="primary" onClick={() => setEditing("new")}>
                  New agent
                </Button>
              }
            >
              A GitOps agent runs in a management EKS cluster and deploys to the clusters you register here. Tell
              Conduit where it runs, then import clusters from EKS.
            </EmptyState>
          ) : (
            <ClusterList scope={scope} />
          )}
        </TabsContent>
        <TabsContent value="agents">
          <AgentList scope={scope} onEdit={setEditing} onNew={() => setEditing("new")} onNotice={setNotice} />
        </TabsContent>
      </Tabs>
      <AgentDialog
        open={editing !== null}
        agent={editing === "new" ? null : editing}
        scope={scope}
        onClose={() => setEditing(null)}
        onSaved={(dto, created) => {
          setEditing(null);
          setNotice(created ? `Registered agent ${dto.agent.name}.` : `Saved changes to ${dto.agent.name}.`);
        }}
      />
    </>
  );
}

function ClusterList({ scope }: { scope: { org?: string; project?: string } }) {
  const { href } = useScope();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<ConnectionStatus | "">("");
  const list = useGitopsClusters(scope, { q: q || undefined, status: status || undefined });
  const items = list.data?.items ?? [];
  const filtered = Boolean(q || status);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-2" role="search" aria-label="Filter clusters">
        <label htmlFor="cluster-search" className="sr-only">
          Search by name or identifier
        </label>
        <Input
          id="cluster-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search by name or identifier"
          className="min-w-40 max-w-80 flex-1"
        />
        <label htmlFor="cluster-status-filter" className="sr-only">
          Connection status
        </label>
        <Select
          id="cluster-status-filter"
          value={status}
          onChange={(e) => setStatus(e.target.value as ConnectionStatus | "")}
          className="w-48 shrink-0"
        >
          <option value="">Any status</option>
          {CONNECTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        {list.isFetching && !list.isPending && <Spinner label="Updating results" className="size-4 text-muted" />}
      </div>
      {list.isPending && (
        <div className="flex items-center gap-2 py-10 text-sm text-muted">
          <Spinner /> Loading clusters…
        </div>
      )}
      {list.isError && <Alert>{errorMessage(list.error)}</Alert>}
      {list.isSuccess && items.length === 0 && (
        <EmptyState
          title={filtered ? "No clusters match" : "No GitOps clusters yet"}
          icon="gitops"
          action={
            filtered ? (
              <Button
                onClick={() => {
                  setSearch("");
                  setStatus("");
                }}
              >
                Clear filters
              </Button>
            ) : (
              <Button variant="primary" asChild>
                <Link href={newClusterHref(href)}>New cluster</Link>
              </Button>
            )
          }
        >
          {filtered
            ? "Nothing in this project matches these filters."
            : "Import a cluster from EKS, follow the setup guide generated for your own roles, and test that the agent can reach it."}
        </EmptyState>
      )}
      {items.length > 0 && <ClusterTable items={items} />}
    </>
  );
}

function AgentList({
  scope,
  onEdit,
  onNew,
  onNotice,
}: {
  scope: { org?: string; project?: string };
  onEdit: (a: GitopsAgentDto) => void;
  onNew: () => void;
  onNotice: (s: string) => void;
}) {
  const list = useGitopsAgents(scope);
  const remove = useDeleteGitops(scope, "agents");
  const [deleting, setDeleting] = useState<GitopsAgentDto | null>(null);
  const items = list.data?.items ?? [];
  return (
    <>
      {list.isPending && (
        <div className="flex items-center gap-2 py-10 text-sm text-muted">
          <Spinner /> Loading agents…
        </div>
      )}
      {list.isError && <Alert>{errorMessage(list.error)}</Alert>}
      {list.isSuccess && items.length === 0 && (
        <EmptyState
          title="No agents yet"
          icon="gitops"
          action={
            <Button variant="primary" onClick={onNew}>
              New agent
            </Button>
          }
        >
          Register the GitOps agent that runs in your management cluster: its namespace, the connector that reaches the
          cluster and the IAM role its service accounts assume.
        </EmptyState>
      )}
      {items.length > 0 && (
        <AgentTable
          items={items}
          onEdit={onEdit}
          onDelete={(a) => {
            remove.reset();
            setDeleting(a);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete agent ${deleting?.agent.name ?? ""}?`}
        description={
          deleting && deleting.clusterCount > 0
            ? `${deleting.clusterCount} cluster(s) still use this agent; Conduit will refuse until they are deleted.`
            : "Conduit forgets this agent. Nothing changes in the management cluster."
        }
        confirmLabel="Delete agent"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.agent.identifier, {
            onSuccess: () => {
              onNotice(`Deleted agent ${deleting.agent.name}.`);
              setDeleting(null);
            },
          })
        }
      />
    </>
  );
}
