"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { Button } from "@/components/ui/button";
import { Breadcrumbs, DetailsHeader } from "@/components/ui/details-header";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Alert, Badge, Card, EmptyState, Time } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { GitopsClusterDto } from "@/lib/gitops/dto";
import { TestSteps } from "@/components/connection-test/test-steps";
import { useClusterTest, useDeleteGitops, useGitopsCluster } from "@/lib/gitops/hooks";
import { CLUSTER_AUTH_INFO } from "@/lib/gitops/schemas";
import { ApiError, errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import { Row, TagsRow } from "./details-rows";
import { GitopsYamlTab } from "./gitops-yaml-tab";
import { SetupGuide } from "./setup-guide";
import { agentHref, clusterHref, gitopsHref } from "./links";
import { ConnectionStatusBadge } from "./status-badge";
import { TestResultPanel } from "./test-result";

type Tab = "overview" | "guide" | "yaml";

export function ClusterDetails({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const query = useGitopsCluster(scope, identifier);
  const test = useClusterTest(scope);
  const remove = useDeleteGitops(scope, "clusters");
  const perms = usePermissions(scope);
  const [tab, setTab] = useState<Tab>("overview");
  const [deleting, setDeleting] = useState(false);
  const dto = query.data;

  if (!dto) {
    if (query.isError) {
      const missing = query.error instanceof ApiError && query.error.status === 404;
      return (
        <EmptyState
          title={missing ? "Cluster not found" : "Could not load the cluster"}
          icon="gitops"
          action={
            <Button asChild>
              <Link href={gitopsHref(href)}>Back to GitOps clusters</Link>
            </Button>
          }
        >
          {missing ? `There is no GitOps cluster "${identifier}" in this project.` : errorMessage(query.error)}
        </EmptyState>
      );
    }
    return (
      <div className="flex items-center gap-2 py-10 text-sm text-muted">
        <Spinner /> Loading cluster…
      </div>
    );
  }
  const c = dto.cluster;
  const irsa = c.spec.authentication.type === "IRSA";

  return (
    <>
      <Breadcrumbs trail={[{ label: "GitOps clusters", href: gitopsHref(href) }]} current={c.name} />
      <DetailsHeader
        title={c.name}
        identifier={c.identifier}
        meta={
          <>
            <span>
              Agent:{" "}
              <Link href={agentHref(href, dto.agent.identifier)} className="text-accent underline underline-offset-2">
                {dto.agent.name}
              </Link>
            </span>
            <Badge>{CLUSTER_AUTH_INFO[c.spec.authentication.type].label}</Badge>
            <ConnectionStatusBadge status={dto.status.connectionStatus} testedAt={dto.status.testedAt} />
          </>
        }
        description={c.description}
        primaryAction={
          <Button
            variant="primary"
            loading={test.running}
            onClick={() => test.start(c.identifier)}
            disabledReason={test.running ? undefined : perms.reason("gitops_cluster:test")}
          >
            Test connection
          </Button>
        }
        editHref={clusterHref(href, c.identifier, "/edit")}
        editDisabledReason={perms.reason("gitops_cluster:edit")}
        deleteDisabledReason={perms.reason("gitops_cluster:delete")}
        onDelete={() => {
          remove.reset();
          setDeleting(true);
        }}
      />

      <div className="mb-6 flex flex-col gap-3">
        {test.error && <Alert title="The test could not run">{test.error}</Alert>}
        {(test.running || test.result) && (
          <Card className="py-1">
            <TestSteps steps={test.steps} label="Cluster test steps" />
          </Card>
        )}
        {test.result && <TestResultPanel result={test.result} />}
      </div>

      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabsList aria-label="Cluster views">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="guide">Setup guide</TabsTrigger>
          <TabsTrigger value="yaml">YAML</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <Overview dto={dto} />
        </TabsContent>
        <TabsContent value="guide">
          {irsa ? (
            <SetupGuide scope={scope} kind="clusters" identifier={c.identifier} />
          ) : (
            <Alert tone="info">The setup guide is for clusters that authenticate with an IAM role (IRSA).</Alert>
          )}
        </TabsContent>
        <TabsContent value="yaml">
          <GitopsYamlTab
            scope={scope}
            kind="clusters"
            identifier={c.identifier}
            version={dto.version}
            onReloadLatest={() => query.refetch()}
          />
        </TabsContent>
      </Tabs>

      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete cluster ${c.name}?`}
        description="Conduit forgets this cluster. The IAM roles, the aws-auth mapping and the Argo CD Secret stay as they are."
        confirmLabel="Delete cluster"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() => remove.mutate(c.identifier, { onSuccess: () => router.push(gitopsHref(href)) })}
      />
    </>
  );
}

function Overview({ dto }: { dto: GitopsClusterDto }) {
  const c = dto.cluster;
  const a = c.spec.authentication;
  const s = dto.status;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <h2 className="mb-3 text-base font-semibold">Connection</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <Row label="Master URL">
            <span className="font-mono">{c.spec.masterUrl}</span>
          </Row>
          <Row label="Authentication">{CLUSTER_AUTH_INFO[a.type].label}</Row>
          {a.type === "IRSA" ? (
            <>
              <Row label="Role ARN">
                <span className="font-mono">{a.spec.roleArn}</span>
              </Row>
              <Row label="EKS cluster">
                <span className="font-mono">
                  {a.spec.clusterName} ({a.spec.region})
                </span>
              </Row>
            </>
          ) : (
            <Row label="Token secret">
              <span className="font-mono">{a.spec.tokenRef}</span>
            </Row>
          )}
          <Row label="CA data">{c.spec.caData.length} characters</Row>
          <Row label="Agent">
            {dto.agent.name} (namespace <span className="font-mono">{dto.agent.namespace}</span>)
          </Row>
          <TagsRow tags={c.tags} />
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-base font-semibold">Last connection test</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <Row label="Status">
            <ConnectionStatusBadge status={s.connectionStatus} />
          </Row>
          <Row label="Tested">{s.testedAt ? <Time iso={s.testedAt} /> : "Never"}</Row>
          <Row label="Kubernetes">{s.serverVersion ?? "—"}</Row>
          {s.statusReason && <Row label="Reason">{s.statusReason}</Row>}
        </dl>
      </Card>
    </div>
  );
}
