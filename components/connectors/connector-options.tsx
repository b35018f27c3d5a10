"use client";
// The connector picker's dialog body: a search box driving an always-open listbox (WAI-ARIA
// combobox), each option a connector with its scope and last test.
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { TestStatusWithTime } from "@/components/connection-test/test-status-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { errorMessage } from "@/lib/http/client";

const LEVEL_LABEL = { project: "Project", org: "Organization", account: "Account" } as const;

/** The reference a form stores: `id` in the project, `org.id`, `account.id`. */
export function connectorRefOf(dto: ConnectorDto): string {
  const id = dto.connector.identifier;
  return dto.scope === "project" ? id : `${dto.scope}.${id}`;
}

export interface VisibleConnectors {
  items: ConnectorDto[];
  isPending: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
}

export function ConnectorLine({ dto, detailId }: { dto: ConnectorDto; detailId?: string }) {
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

export function ConnectorOptions({
  visible,
  value,
  onPick,
}: {
  visible: VisibleConnectors;
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
