"use client";
// The Delegates page: every delegate with its connection state (from heartbeats), tags, version,
// last heartbeat and running tasks, refreshed while the page is open; and, for those who may
// manage delegates, the delegate tokens with "New delegate token" and the install commands.
import { useState } from "react";
import { usePermissions } from "@/components/identity/permissions";
import { TokenNameCell } from "@/components/identity/tokens";
import { ListResults, Notice } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { DataTable, actionsColumn, type Column } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Badge, PageHeader } from "@/components/ui/misc";
import { useDelegates, useDelegateTokens, useRevokeDelegateToken } from "@/lib/delegates/hooks";
import type { DelegateDto, DelegateStatus, DelegateTokenDto } from "@/lib/delegates/schemas";
import { errorMessage } from "@/lib/http/client";
import { NewDelegateTokenDialog } from "./new-token-dialog";

const STATUS: Record<DelegateStatus, { tone: "success" | "danger" | "neutral"; label: string }> = {
  connected: { tone: "success", label: "Connected" },
  disconnected: { tone: "danger", label: "Disconnected" },
  stopped: { tone: "neutral", label: "Stopped" },
};

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

/** "12 seconds ago", "3 minutes ago": how long before `now` (when the list was last fetched). */
export function Ago({ iso, now }: { iso: string; now: number }) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    Math.abs(seconds) < 60
      ? [seconds, "second"]
      : Math.abs(seconds) < 3600
        ? [Math.round(seconds / 60), "minute"]
        : Math.abs(seconds) < 86_400
          ? [Math.round(seconds / 3600), "hour"]
          : [Math.round(seconds / 86_400), "day"];
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {relative.format(Math.min(0, value), unit)}
    </time>
  );
}

function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return <span className="text-muted">No tags</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className="rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-xs">
          {t}
        </li>
      ))}
    </ul>
  );
}

const delegateColumns = (now: number): Column<DelegateDto>[] => [
  {
    id: "name",
    header: "Delegate",
    primary: true,
    cell: (d) => (
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2 font-medium break-all">
          {d.name}
          {d.builtIn && <Badge>Built in</Badge>}
        </div>
        <div className="text-xs break-all text-muted">{d.host}</div>
      </div>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: (d) => (
      <span className="flex flex-col items-start gap-0.5">
        <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
        {!d.builtIn && (
          <span className="text-xs text-muted">
            Last heartbeat <Ago iso={d.lastHeartbeatAt} now={now} />
          </span>
        )}
      </span>
    ),
  },
  { id: "tags", header: "Tags", cell: (d) => <Tags tags={d.tags} /> },
  { id: "version", header: "Version", hideBelow: "md", className: "font-mono text-xs", cell: (d) => d.version },
  {
    id: "tasks",
    header: "Running tasks",
    hideBelow: "sm",
    align: "end",
    cell: (d) => <span className="tabular-nums">{d.runningTasks}</span>,
  },
];

function TokenTable({
  items,
  now,
  onRevoke,
}: {
  items: DelegateTokenDto[];
  now: number;
  onRevoke: (t: DelegateTokenDto) => void;
}) {
  const columns: Column<DelegateTokenDto>[] = [
    {
      id: "name",
      header: "Token",
      cell: (t) => <TokenNameCell name={t.name} start={t.start} />,
    },
    {
      id: "status",
      header: "Status",
      cell: (t) => (t.revokedAt ? <Badge>Revoked</Badge> : <Badge tone="success">Active</Badge>),
    },
    { id: "delegates", header: "Delegates", align: "end", cell: (t) => t.delegates },
    {
      id: "used",
      header: "Last used",
      hideBelow: "sm",
      cell: (t) =>
        t.lastUsedAt ? <Ago iso={t.lastUsedAt} now={now} /> : <span className="text-muted">Never used</span>,
    },
    { id: "by", header: "Created by", hideBelow: "lg", className: "text-muted", cell: (t) => t.createdBy },
    actionsColumn((t) =>
      t.revokedAt ? null : (
        <Button
          size="sm"
          variant="ghost"
          className="text-danger"
          onClick={() => onRevoke(t)}
          aria-label={`Revoke delegate token ${t.name}`}
        >
          Revoke
        </Button>
      ),
    ),
  ];
  return <DataTable caption="Delegate tokens" columns={columns} rows={items} rowKey={(t) => t.id} />;
}

export function DelegatesPage() {
  const delegates = useDelegates();
  const perms = usePermissions();
  const manage = perms.can("delegate:manage");
  const tokens = useDelegateTokens(manage);
  const revoke = useRevokeDelegateToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<DelegateTokenDto | null>(null);
  const [notice, setNotice] = useState<string>();
  const items = delegates.data ?? [];
  const newButton = (
    <Button
      variant="primary"
      onClick={() => {
        setNotice(undefined);
        setCreating(true);
      }}
      disabledReason={perms.reason("delegate:manage")}
    >
      New delegate token
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Delegates"
        description="Delegates run connection tests and AWS lookups where the credentials live. Each connects out to Conduit with a delegate token; a connector's selectors choose among them by tag."
        actions={newButton}
      />
      <Notice>{notice}</Notice>
      <ListResults
        query={delegates}
        count={items.length}
        loading="Loading delegates…"
        icon="delegates"
        empty={{
          title: "No delegates",
          action: newButton,
          children: (
            <>
              The built-in delegate is off (<code className="font-mono">CONDUIT_BUILTIN_DELEGATE=false</code>) and no
              delegate has registered. Create a delegate token and start a delegate with it.
            </>
          ),
        }}
      >
        <DataTable
          caption="Delegates"
          columns={delegateColumns(delegates.dataUpdatedAt)}
          rows={items}
          rowKey={(d) => d.id}
          rowLabel={(d) => d.name}
        />
      </ListResults>

      {manage && (
        <section aria-labelledby="delegate-tokens" className="mt-10">
          <h2 id="delegate-tokens" className="text-lg font-semibold">
            Delegate tokens
          </h2>
          <p className="mt-1 mb-4 max-w-2xl text-sm text-muted">
            A delegate token lets a delegate register and take work; it cannot call the rest of the API. Revoking one
            disconnects every delegate using it.
          </p>
          <ListResults
            query={tokens}
            count={tokens.data?.length ?? 0}
            loading="Loading delegate tokens…"
            icon="key"
            empty={{ title: "No delegate tokens yet", children: <>Create one to start a delegate.</> }}
          >
            <TokenTable items={tokens.data ?? []} now={tokens.dataUpdatedAt} onRevoke={setRevoking} />
          </ListResults>
        </section>
      )}

      <NewDelegateTokenDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(name) => setNotice(`Created delegate token ${name}.`)}
      />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => {
          if (!o) {
            revoke.reset();
            setRevoking(null);
          }
        }}
        title={revoking ? `Revoke delegate token ${revoking.name}?` : ""}
        description="Delegates using it are refused from their next heartbeat on and show as disconnected. Start them with a new token to bring them back."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : undefined}
        onConfirm={() => {
          if (!revoking) return;
          const t = revoking;
          revoke.mutate(t.id, {
            onSuccess: () => {
              setRevoking(null);
              setNotice(`Revoked delegate token ${t.name}.`);
            },
          });
        }}
      />
    </>
  );
}
