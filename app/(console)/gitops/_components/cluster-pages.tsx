"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { RequirePermission } from "@/components/identity/require-permission";
import { ProjectScopeRequired } from "@/components/infrastructures/project-scope-required";
import { Button } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useGitopsCluster } from "@/lib/gitops/hooks";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import { ClusterForm } from "./cluster-form";
import { clusterHref, gitopsHref } from "./links";

export function NewCluster() {
  const { org, project, level, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const agent = useSearchParams().get("agent") ?? undefined;
  const router = useRouter();
  return (
    <>
      <PageHeader
        title="New GitOps cluster"
        description="Import a cluster from EKS or enter its API server, then choose how the agent authenticates."
      />
      {level !== "project" ? (
        <ProjectScopeRequired what="GitOps clusters" level={level} />
      ) : (
        <RequirePermission
          permission="gitops_cluster:edit"
          what="create GitOps clusters"
          back={{ label: "Back to GitOps", path: "/gitops" }}
        >
          <ClusterForm
            scope={scope}
            cluster={null}
            agent={agent}
            cancelHref={gitopsHref(href)}
            onSaved={(dto) => router.push(clusterHref(href, dto.cluster.identifier))}
          />
        </RequirePermission>
      )}
    </>
  );
}

export function EditCluster({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const query = useGitopsCluster(scope, identifier);
  if (!query.data) {
    return query.isError ? (
      <EmptyState
        title="Could not load the cluster"
        icon="gitops"
        action={
          <Button asChild>
            <Link href={gitopsHref(href)}>Back to GitOps clusters</Link>
          </Button>
        }
      >
        {errorMessage(query.error)}
      </EmptyState>
    ) : (
      <div className="flex items-center gap-2 py-10 text-sm text-muted">
        <Spinner /> Loading cluster…
      </div>
    );
  }
  return (
    <>
      <PageHeader
        title={`Edit ${query.data.cluster.name}`}
        description="A new endpoint, CA or identity resets the connection status until the next test."
      />
      <RequirePermission
        permission="gitops_cluster:edit"
        what="edit GitOps clusters"
        back={{ label: "Back to the cluster", path: `/gitops/clusters/${encodeURIComponent(identifier)}` }}
      >
        <ClusterForm
          scope={scope}
          cluster={query.data}
          cancelHref={clusterHref(href, identifier)}
          onSaved={(dto) => router.push(clusterHref(href, dto.cluster.identifier))}
        />
      </RequirePermission>
    </>
  );
}
