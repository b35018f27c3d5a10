"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ConnectionTestRunner } from "@/components/connection-test/connection-test-runner";
import { TestHistoryTable } from "@/components/connection-test/test-history-table";
import { ConnectorSummary } from "@/components/connectors/connector-summary";
import { IntendedUses } from "@/components/connectors/intended-uses";
import { useConnectorTests } from "@/lib/connection-test/hooks";
import { ConnectorYamlTab } from "@/components/connectors/connector-yaml-tab";
import { usePermissions } from "@/components/identity/permissions";
import { connectorScopeLabel } from "@/components/connectors/format";
import { HealthBadge, TestStatusWithTime } from "@/components/connection-test/test-status-badge";
import { Button } from "@/components/ui/button";
import { Breadcrumbs, DetailsHeader } from "@/components/ui/details-header";
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
  // The newest stored test says how each intended use fared.
  const tests = useConnectorTests(scope, identifier);
  const remove = useDeleteConnector(scope);
  const perms = usePermissions(scope);
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
      <Breadcrumbs trail={[{ label: "AWS connectors", href: listHref }]} current={c.name} />
      <DetailsHeader
        title={c.name}
        identifier={c.identifier}
        meta={
          <>
            <span>{connectorScopeLabel(dto)}</span>
            <TestStatusWithTime status={dto.lastTestStatus} testedAt={dto.lastTestedAt} />
            <HealthBadge health={dto.health} nextCheckAt={dto.nextCheckAt} />
          </>
        }
        description={c.description}
        primaryAction={
          <Button
            variant="primary"
            onClick={() => {
              setTab("tests");
              setRunNow(true);
            }}
            disabledReason={perms.reason("connector:test")}
          >
            Test connection
          </Button>
        }
        editHref={href(`/connectors/${encodeURIComponent(c.identifier)}/edit`)}
        editDisabledReason={perms.reason("connector:edit")}
        deleteDisabledReason={perms.reason("connector:delete")}
        onDelete={() => {
          remove.reset();
          setDeleting(true);
        }}
      />

      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabsList aria-label="Connector views">
          <TabsTrigger value="overview">Overview</TabsTrigger>
          <TabsTrigger value="yaml">YAML</TabsTrigger>
          <TabsTrigger value="tests">Connection tests</TabsTrigger>
        </TabsList>
        <TabsContent value="overview">
          <div className="flex flex-col gap-5">
            <ConnectorSummary dto={dto} />
            <IntendedUses dto={dto} latest={tests.data?.[0]} />
          </div>
        </TabsContent>
        <TabsContent value="yaml">
          <ConnectorYamlTab
            scope={scope}
            identifier={c.identifier}
            version={dto.version}
            onReloadLatest={() => query.refetch()}
          />
        </TabsContent>
        <TabsContent value="tests">
          <div className="flex flex-col gap-6">
            <ConnectionTestRunner
              scope={scope}
              identifier={c.identifier}
              autoStart={runNow}
              onStarted={() => setRunNow(false)}
              disabledReason={perms.reason("connector:test")}
            />
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
            <span className="font-mono">{c.identifier}</span> is removed for everyone, with its test history. The
            secrets it references stay.
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
