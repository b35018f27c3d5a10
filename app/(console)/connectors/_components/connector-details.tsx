"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ConnectionTestRunner } from "@/components/connection-test/connection-test-runner";
import { TestHistoryTable } from "@/components/connection-test/test-history-table";
import { ConnectorSummary } from "@/components/connectors/connector-summary";
import { ConnectorYamlTab } from "@/components/connectors/connector-yaml-tab";
import { connectorScopeLabel } from "@/components/connectors/format";
import { TestStatusWithTime } from "@/components/connectors/test-status-badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useConnector, useDeleteConnector } from "@/lib/connectors/hooks";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import { ConnectorLoadState } from "./connector-load-state";

type Tab = "overview" | "yaml" | "tests";

export function ConnectorDetails({ identifier }: { identifier: string }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const query = useConnector(scope, identifier);
  const remove = useDeleteConnector(scope);
  const [tab, setTab] = useState<Tab>("overview");
  // Set by the header's "Test connection"; cleared once the run has started.
  const [runNow, setRunNow] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const listHref = href("/connectors");

  if (!query.data) return <ConnectorLoadState error={query.error} identifier={identifier} listHref={listHref} />;
  const dto = query.data;
  const c = dto.connector;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href={listHref} className="hover:text-fg hover:underline">
          AWS connectors
        </Link>
        <span aria-hidden className="mx-1.5">/</span>
        <span className="text-fg">{c.name}</span>
      </nav>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight">{c.name}</h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-muted">
            <span className="font-mono text-fg">{c.identifier}</span>
            <span>{connectorScopeLabel(dto)}</span>
            <TestStatusWithTime status={dto.lastTestStatus} testedAt={dto.lastTestedAt} />
          </div>
          {c.description && <p className="mt-2 max-w-3xl text-sm text-muted">{c.description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="primary"
            onClick={() => {
              setTab("tests");
              setRunNow(true);
            }}
          >
            Test connection
          </Button>
          <Button asChild>
            <Link href={href(`/connectors/${encodeURIComponent(c.identifier)}/edit`)}>Edit</Link>
          </Button>
          <Button
            variant="ghost"
            className="text-danger"
            onClick={() => {
              remove.reset();
              setDeleting(true);
            }}
          >
            Delete
          </Button>
        </div>
      </div>

      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabsList aria-label="Connector views">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="yaml">YAML</TabsTrigger>
          <TabsTrigger value="tests">Connection tests</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <ConnectorSummary dto={dto} />
        </TabsContent>
        <TabsContent value="yaml">
          <ConnectorYamlTab scope={scope} identifier={c.identifier} version={dto.version} onReloadLatest={() => query.refetch()} />
        </TabsContent>
        <TabsContent value="tests">
          <div className="flex flex-col gap-6">
            <ConnectionTestRunner scope={scope} identifier={c.identifier} autoStart={runNow} onStarted={() => setRunNow(false)} />
            <div>
              <h2 className="mb-2 text-sm font-semibold text-muted">History</h2>
              <TestHistoryTable scope={scope} identifier={c.identifier} />
            </div>
          </div>
        </TabsContent>
      </Tabs>

      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete connector ${c.name}?`}
        description={
          <>
            <span className="font-mono">{c.identifier}</span> is removed for everyone, with its test history. The secrets it references stay.
          </>
        }
        confirmLabel="Delete connector"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
        onConfirm={() =>
          remove.mutate(c.identifier, {
            onSuccess: () => {
              setDeleting(false);
              router.push(listHref);
            },
          })
        }
      />
    </>
  );
}
