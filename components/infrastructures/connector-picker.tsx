"use client";
// Picks an AWS connector visible from the project: its own, its organization's and the
// account's. The stored value is the reference (`id`, `org.id`, `account.id`).
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { TestStatusWithTime } from "@/components/connection-test/test-status-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { useConnectors } from "@/lib/connectors/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";

const LEVEL_LABEL = { project: "Project", org: "Organization", account: "Account" } as const;

export function connectorRefOf(dto: ConnectorDto): string {
  const id = dto.connector.identifier;
  return dto.scope === "project" ? id : `${dto.scope}.${id}`;
}

/** Connectors of the project, its org and the account, each list's first 100 by name. */
export function useVisibleConnectors(scope: ScopeRef) {
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
  const items = queries.flatMap((q) => q.data?.pages.flatMap((p) => p.items) ?? []);
  return {
    items,
    isPending: queries.some((q) => q.isPending),
    error: queries.find((q) => q.isError)?.error,
    hasMore: queries.some((q) => q.hasNextPage),
    loadMore: () => queries.forEach((q) => q.hasNextPage && void q.fetchNextPage()),
  };
}

function ConnectorLine({ dto, detailId }: { dto: ConnectorDto; detailId?: string }) {
  return (
    <span className="flex min-w-0 flex-col gap-1">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{dto.connector.name}</span>
        <span id={detailId && `${detailId}-scope`}>
          <Badge>{LEVEL_LABEL[dto.scope]}</Badge>
        </span>
      </span>
      <span id={detailId} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
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

function ConnectorList({
  visible,
  value,
  onPick,
}: {
  visible: ReturnType<typeof useVisibleConnectors>;
  value: string;
  onPick: (ref: string) => void;
}) {
  const [search, setSearch] = useState("");
  const [active, setActive] = useState(-1);
  const id = useId();
  const q = search.trim().toLowerCase();
  const items = q
    ? visible.items.filter((c) => `${c.connector.name} ${c.connector.identifier}`.toLowerCase().includes(q))
    : visible.items;
  const optionId = (i: number) => `${id}-option-${i}`;
  const current = active >= 0 && active < items.length ? active : -1;

  // The highlighted option stays in view while arrows move through a long list.
  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView({ block: "nearest" });
  });

  // WAI-ARIA combobox with a listbox popup that is always shown: focus stays in the search box,
  // arrows move the highlighted option (aria-activedescendant), Enter picks it.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!items.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive(current < 0 ? (step === 1 ? 0 : items.length - 1) : (current + step + items.length) % items.length);
    } else if (e.key === "Enter" && current >= 0) {
      e.preventDefault();
      onPick(connectorRefOf(items[current]!));
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <label htmlFor={`${id}-search`} className="sr-only">
        Search connectors
      </label>
      <Input
        id={`${id}-search`}
        type="text"
        role="combobox"
        aria-expanded
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        aria-describedby={`${id}-keys`}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        placeholder="Search by name or identifier"
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <p id={`${id}-keys`} className="sr-only">
        Use the up and down arrow keys to move through the connectors and Enter to choose one.
      </p>
      {visible.error ? <Alert>{errorMessage(visible.error)}</Alert> : null}
      {visible.isPending && (
        <p className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Loading connectors…
        </p>
      )}
      {!visible.isPending && items.length === 0 && (
        <p className="text-sm text-muted">
          {q ? "No connector matches." : "No AWS connectors yet. Create one under Connectors first."}
        </p>
      )}
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Connectors"
        className="flex max-h-96 flex-col gap-1.5 overflow-y-auto p-0.5"
      >
        {items.map((c, i) => {
          const ref = connectorRefOf(c);
          return (
            <li
              key={`${c.scope}:${ref}`}
              id={optionId(i)}
              role="option"
              aria-selected={ref === value}
              aria-label={c.connector.name}
              aria-describedby={`${optionId(i)}-detail-scope ${optionId(i)}-detail`}
              onClick={() => onPick(ref)}
              onMouseMove={() => setActive(i)}
              className={cn(
                "flex cursor-pointer gap-3 rounded-md border border-border p-2.5 hover:bg-surface-2",
                ref === value && "border-accent bg-accent/5",
                i === current && "bg-surface-2 outline-2 outline-offset-0 outline-focus",
              )}
            >
              <span
                aria-hidden
                className={cn(
                  "mt-1 grid size-4 shrink-0 place-items-center rounded-full border",
                  ref === value ? "border-accent" : "border-muted",
                )}
              >
                {ref === value && <span className="size-2 rounded-full bg-accent" />}
              </span>
              <ConnectorLine dto={c} detailId={`${optionId(i)}-detail`} />
            </li>
          );
        })}
      </ul>
      {visible.hasMore && (
        <Button size="sm" onClick={visible.loadMore}>
          Load more connectors
        </Button>
      )}
    </div>
  );
}
