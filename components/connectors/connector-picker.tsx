"use client";
// Picks an AWS connector visible from the project: its own, its organization's and the
// account's. The stored value is the reference (`id`, `org.id`, `account.id`).
import { useMemo, useState } from "react";
import { pageItems } from "@/components/lists/list-results";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useConnectors } from "@/lib/connectors/hooks";
import type { ScopeRef } from "@/lib/scope";
import { ConnectorLine, ConnectorOptions, connectorRefOf, type VisibleConnectors } from "./connector-options";

/** Connectors of the project, its org and the account, each list's first 100 by name. */
export function useVisibleConnectors(scope: ScopeRef): VisibleConnectors {
  const project = useConnectors(scope, { sort: "name", order: "asc" });
  const org = useConnectors(
    useMemo(() => ({ org: scope.org }), [scope.org]),
    { sort: "name", order: "asc" },
  );
  const account = useConnectors(
    useMemo(() => ({}), []),
    { sort: "name", order: "asc" },
  );
  const queries = [project, org, account];
  const items = queries.flatMap((q) => pageItems(q.data));
  return {
    items,
    isPending: queries.some((q) => q.isPending),
    error: queries.find((q) => q.isError)?.error,
    hasMore: queries.some((q) => q.hasNextPage),
    loadMore: () => queries.forEach((q) => q.hasNextPage && void q.fetchNextPage()),
  };
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
              <span className="text-xs text-muted">
                {visible.isPending ? "Loading connectors…" : "Not among the connectors this project can use."}
              </span>
            </span>
          ) : (
            <span className="text-muted">No connector chosen</span>
          )}
        </div>
        {/* The field's <label> points here; the button says what it does, the label is the field. */}
        <Button
          id={id}
          size="sm"
          onClick={() => setOpen(true)}
          aria-label={value ? "Change connector" : "Choose connector"}
          aria-describedby={aria["aria-describedby"]}
        >
          {value ? "Change connector" : "Choose connector"}
        </Button>
      </div>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Choose an AWS connector"
        description="Connectors of this project, its organization and the account."
      >
        {open && (
          <ConnectorOptions
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
