"use client";
// One GitOps agent: where it runs and with which role, the clusters it deploys to, its part of the
// setup guide and its YAML;
// edit opens the agent dialog, delete is refused (with the clusters named) while clusters use it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { ListResults } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { Breadcrumbs, DetailsHeader } from "@/components/ui/details-header";
import { Badge, Card, EmptyState, Time } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { AGENT_FLAVOUR_INFO } from "@/lib/gitops/flavours";
import { useGitopsAgent, useGitopsClusters } from "@/lib/gitops/hooks";
import { ApiError, errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { useScope } from "@/lib/scopes/hooks";
import { AgentDeleteDialog } from "./agent-delete-dialog";
import { AgentDialog } from "./agent-dialog";
import { Row, TagsRow } from "./details-rows";
import { GitopsYamlTab } from "./gitops-yaml-tab";
import { SetupGuide } from "./setup-guide";
import { gitopsHref, newClusterHref } from "./links";
import { ClusterTable } from "./tables";

type Tab = "overview" | "clusters" | "guide" | "yaml";

export function AgentDetails({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const query = useGitopsAgent(scope, identifier);
  const perms = usePermissions(scope);
  const [tab, setTab] = useState<Tab>("overview");
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState<GitopsAgentDto | null>(null);
  const agentsHref = gitopsHref(href, "agents");
  const dto = query.data;

  if (!dto) {
    if (query.isError) {
      const missing = query.error instanceof ApiError && query.error.status === 404;
      return (
        <EmptyState
          title={missing ? "Agent not found" : "Could not load the agent"}
          icon="gitops"
          action={
            <Button asChild>
              <Link href={agentsHref}>Back to GitOps agents</Link>
            </Button>
          }
        >
          {missing ? `There is no GitOps agent "${identifier}" in this project.` : errorMessage(query.error)}
        </EmptyState>
      );
    }
    return (
      <p className="flex items-center gap-2 py-10 text-sm text-muted" role="status">
        <Spinner /> Loading agent…
      </p>
    );
  }
  const a = dto.agent;

  return (
    <>
      <Breadcrumbs trail={[{ label: "GitOps agents", href: agentsHref }]} current={a.name} />
      <DetailsHeader
        title={a.name}
        identifier={a.identifier}
        meta={
          <>
            <Badge>{AGENT_FLAVOUR_INFO[a.spec.flavour].label}</Badge>
            <span>
              Namespace <span className="font-mono">{a.namespace}</span>
            </span>
            <Badge>
              {dto.clusterCount} cluster{dto.clusterCount === 1 ? "" : "s"}
            </Badge>
          </>
        }
        description={a.description}
        primaryAction={
          perms.can("gitops_cluster:edit") ? (
            <Button variant="primary" asChild>
              <Link href={newClusterHref(href, a.identifier)}>Add a cluster</Link>
            </Button>
          ) : undefined
        }
        onEdit={() => setEditing(true)}
        editDisabledReason={perms.reason("gitops_agent:edit")}
        deleteDisabledReason={perms.reason("gitops_agent:delete")}
        onDelete={() => setDeleting(dto)}
      />

      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabsList aria-label="Agent views">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="clusters">Clusters ({dto.clusterCount})</TabsTrigger>
          <TabsTrigger value="guide">Setup guide</TabsTrigger>
          <TabsTrigger value="yaml">YAML</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <Overview dto={dto} />
        </TabsContent>
        <TabsContent value="clusters">
          <AgentClusters scope={scope} agent={a.identifier} canCreate={perms.can("gitops_cluster:edit")} />
        </TabsContent>
        <TabsContent value="guide">
          <SetupGuide scope={scope} kind="agents" identifier={a.identifier} />
        </TabsContent>
        <TabsContent value="yaml">
          <GitopsYamlTab
            scope={scope}
            kind="agents"
            identifier={a.identifier}
            version={dto.version}
            onReloadLatest={() => query.refetch()}
          />
        </TabsContent>
      </Tabs>

      <AgentDialog
        open={editing}
        item={dto}
        scope={scope}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void query.refetch();
        }}
      />
      <AgentDeleteDialog
        scope={scope}
        target={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => router.push(agentsHref)}
      />
    </>
  );
}

function Overview({ dto }: { dto: GitopsAgentDto }) {
  const a = dto.agent;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <h2 className="mb-3 text-base font-semibold">Where it runs</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <Row label="Agent">{AGENT_FLAVOUR_INFO[a.spec.flavour].label}</Row>
          <Row label="Service accounts">
            <span className="font-mono">{AGENT_FLAVOUR_INFO[a.spec.flavour].serviceAccounts.join(", ")}</span>
          </Row>
          <Row label="Management cluster">
            <span className="font-mono">{a.spec.managementCluster}</span>
          </Row>
          <Row label="Namespace">
            <span className="font-mono">{a.namespace}</span>
          </Row>
          <Row label="Connector">
            <span className="font-mono">{a.spec.connectorRef}</span>
          </Row>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-base font-semibold">Identity</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <Row label="Agent role">
            <span className="font-mono">{a.spec.agentRoleArn}</span>
          </Row>
          <TagsRow tags={a.tags} />
          <Row label="Updated">
            <Time iso={dto.updatedAt} />
          </Row>
        </dl>
      </Card>
    </div>
  );
}

function AgentClusters({ scope, agent, canCreate }: { scope: ScopeRef; agent: string; canCreate: boolean }) {
  const { href } = useScope();
  const list = useGitopsClusters(scope, { agent });
  const items = list.data?.items ?? [];
  return (
    <ListResults
      query={list}
      count={items.length}
      loading="Loading clusters…"
      icon="gitops"
      empty={{
        title: "No clusters yet",
        action: canCreate ? (
          <Button variant="primary" asChild>
            <Link href={newClusterHref(href, agent)}>Add a cluster</Link>
          </Button>
        ) : undefined,
        children: "Import a cluster from EKS for this agent to deploy to.",
      }}
    >
      <ClusterTable items={items} />
    </ListResults>
  );
}
