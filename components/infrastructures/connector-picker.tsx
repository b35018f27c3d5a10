"use client";
// Picks an AWS connector visible from the project: its own, its organization's and the
// account's. The stored value is the reference (`id`, `org.id`, `account.id`).
import { useMemo, useState } from "react";
import { TestStatusWithTime } from "@/components/connectors/test-status-badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { useConnectors } from "@/lib/connectors/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scopes/schemas";

const LEVEL_LABEL = { project: "Project", org: "Organization", account: "Account" } as const;

export function connectorRefOf(dto: ConnectorDto): string {
  const id = dto.connector.identifier;
  return dto.scope === "project" ? id : `${dto.scope}.${id}`;
}

/** Connectors of the project, its org and the account, each list's first 100 by name. */
export function useVisibleConnectors(scope: ScopeRef) {
  const project = useConnectors(scope, { sort: "name", order: "asc" });
  const org = useConnectors(useMemo(() => ({ org: scope.org }), [scope.org]), { sort: "name", order: "asc" });
  const account = useConnectors(useMemo(() => ({}), []), { sort: "name", order: "asc" });
  const queries = [project, org, account];
  const items = queries.flatMap((q) => q.data?.pages.flatMap((p) => p.items) ?? []);
  return {
    items,
    isPending: queries.some((q) => q.isPending),
    error: queries.find((q) => q.isError)?.error,
    hasMore: queries.some((q) => q.hasNextPage),
    loadMore: () => queries.forEach((q) => q.hasNextPage && void q.fetchNextPage()),
  };
}

function ConnectorLine({ dto }: { dto: ConnectorDto }) {
  return (
    <span className="flex min-w-0 flex-col gap-1">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{dto.connector.name}</span>
        <Badge>{LEVEL_LABEL[dto.scope]}</Badge>
      </span>
      <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
        <span className="font-mono">{connectorRefOf(dto)}</span>
        <TestStatusWithTime status={dto.lastTestStatus} testedAt={dto.lastTestedAt} />
      </span>
    </span>
  );
}

export function ConnectorPicker({
  scope,
  value,
  onChange,
  id,
  ...aria
}: {
  scope: ScopeRef;
  value: string;
  onChange: (ref: string) => void;
  id: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const visible = useVisibleConnectors(scope);
  const [open, setOpen] = useState(false);
  const selected = visible.items.find((c) => connectorRefOf(c) === value);

  return (
    <div className="flex flex-col gap-2">
      <div
        className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-border bg-surface px-3 py-2 aria-[invalid=true]:border-danger"
        aria-invalid={aria["aria-invalid"]}
      >
        <div className="min-w-0 text-sm">
          {selected ? (
            <ConnectorLine dto={selected} />
          ) : value ? (
            <span className="flex flex-col">
              <span className="font-mono">{value}</span>
              <span className="text-xs text-muted">{visible.isPending ? "Loading connectors…" : "Not among the connectors this project can use."}</span>
            </span>
          ) : (
            <span className="text-muted">No connector chosen</span>
          )}
        </div>
        {/* The field's <label> points here; the button says what it does, the label is the field. */}
        <Button id={id} size="sm" onClick={() => setOpen(true)} aria-label={value ? "Change connector" : "Choose connector"} aria-describedby={aria["aria-describedby"]}>
          {value ? "Change connector" : "Choose connector"}
        </Button>
      </div>
      <Dialog open={open} onOpenChange={setOpen} title="Choose an AWS connector" description="Connectors of this project, its organization and the account.">
        {open && (
          <ConnectorList
            visible={visible}
            value={value}
            onPick={(ref) => {
              onChange(ref);
              setOpen(false);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

function ConnectorList({ visible, value, onPick }: { visible: ReturnType<typeof useVisibleConnectors>; value: string; onPick: (ref: string) => void }) {
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const items = q ? visible.items.filter((c) => `${c.connector.name} ${c.connector.identifier}`.toLowerCase().includes(q)) : visible.items;
  return (
    <div className="flex flex-col gap-3">
      <label htmlFor="connector-picker-search" className="sr-only">
        Search connectors
      </label>
      <Input id="connector-picker-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by name or identifier" autoFocus />
      {visible.error ? <Alert>{errorMessage(visible.error)}</Alert> : null}
      {visible.isPending && (
        <p className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Loading connectors…
        </p>
      )}
      {!visible.isPending && items.length === 0 && (
        <p className="text-sm text-muted">{q ? "No connector matches." : "No AWS connectors yet. Create one under Connectors first."}</p>
      )}
      <fieldset className="max-h-96 overflow-y-auto">
        <legend className="sr-only">Connectors</legend>
        <div className="flex flex-col gap-1.5">
          {items.map((c) => {
            const ref = connectorRefOf(c);
            return (
              <label
                key={`${c.scope}:${ref}`}
                className="flex cursor-pointer gap-3 rounded-md border border-border p-2.5 hover:bg-surface-2 has-[:checked]:border-accent has-[:checked]:bg-accent/5"
              >
                <input type="radio" name="connector-picker" className="mt-1 accent-[var(--accent)]" checked={ref === value} onChange={() => onPick(ref)} aria-label={c.connector.name} />
                <ConnectorLine dto={c} />
              </label>
            );
          })}
        </div>
      </fieldset>
      {visible.hasMore && (
        <Button size="sm" onClick={visible.loadMore}>
          Load more connectors
        </Button>
      )}
    </div>
  );
}
