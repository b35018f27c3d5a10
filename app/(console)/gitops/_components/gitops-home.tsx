"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { Notice } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { GitopsAgentDto } from "@/lib/gitops/dto";
import { useGitopsAgents } from "@/lib/gitops/hooks";
import { useScope } from "@/lib/scopes/hooks";
import { AgentDialog } from "./agent-dialog";
import { AgentList, ClusterList } from "./gitops-lists";
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
  const perms = usePermissions(scope);
  const canAgent = perms.can("gitops_agent:edit");
  const canCluster = perms.can("gitops_cluster:edit");

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
          canAgent || (canCluster && !noAgents) ? (
            <>
              {canAgent && <Button onClick={() => setEditing("new")}>New agent</Button>}
              {canCluster && !noAgents && (
                <Button variant="primary" asChild>
                  <Link href={newClusterHref(href)}>New cluster</Link>
                </Button>
              )}
            </>
          ) : undefined
        }
      />
      <Notice>{notice}</Notice>
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
                canAgent ? (
                  <Button variant="primary" onClick={() => setEditing("new")}>
                    New agent
                  </Button>
                ) : undefined
              }
            >
              A GitOps agent runs in a management EKS cluster and deploys to the clusters you register here. Tell
              Conduit where it runs, then import clusters from EKS.
            </EmptyState>
          ) : (
            <ClusterList scope={scope} canCreate={canCluster} />
          )}
        </TabsContent>
        <TabsContent value="agents">
          <AgentList
            scope={scope}
            onEdit={setEditing}
            onNew={canAgent ? () => setEditing("new") : undefined}
            onNotice={setNotice}
            editDisabledReason={perms.reason("gitops_agent:edit")}
            deleteDisabledReason={perms.reason("gitops_agent:delete")}
          />
        </TabsContent>
      </Tabs>
      <AgentDialog
        open={editing !== null}
        item={editing === "new" ? null : editing}
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
