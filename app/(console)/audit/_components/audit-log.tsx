"use client";
import { useState } from "react";
import { FilterBar, FilterSelect, useListSearch } from "@/components/lists/filter-bar";
import { ListResults, pageItems } from "@/components/lists/list-results";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Badge, Time } from "@/components/ui/misc";
import { useAuditEvents } from "@/lib/audit/hooks";
import { auditActions, type AuditAction, type AuditEventDto } from "@/lib/audit/schemas";
import { TYPE_WORDS } from "@/lib/resource/words";
import { useScope } from "@/lib/scopes/hooks";

// Every resource kind, plus the stored connection tests (audited on their own).
const ENTITY_TYPES = [...Object.keys(TYPE_WORDS), "ConnectorTest"];
const actionTone = { CREATE: "success", UPDATE: "info", DELETE: "danger" } as const;

function Changes({ diff }: { diff: unknown }) {
  const entries = Object.entries((diff ?? {}) as Record<string, { from: unknown; to: unknown }>);
  if (!entries.length) return <span className="text-muted">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-sm pointer-coarse:py-3">{entries.map(([k]) => k).join(", ")}</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="break-all">
              {JSON.stringify(v?.from ?? null)} → {JSON.stringify(v?.to ?? null)}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function scopeLabel(e: AuditEventDto) {
  if (e.projectIdentifier) return `${e.orgIdentifier} / ${e.projectIdentifier}`;
  return e.orgIdentifier ?? "Account";
}

type ActorFilter = { id: string; name: string } | null;

const columns = (onActor: (a: ActorFilter) => void): Column<AuditEventDto>[] => [
  { id: "when", header: "When", className: "whitespace-nowrap", cell: (e) => <Time iso={e.at} /> },
  {
    id: "actor",
    header: "Actor",
    hideBelow: "md",
    className: "whitespace-nowrap",
    cell: (e) => (
      <div className="flex flex-col">
        {e.actorId ? (
          <button
            type="button"
            className="text-left underline decoration-dotted underline-offset-2 hover:text-accent"
            title={`Only events by ${e.actor}`}
            onClick={() => onActor({ id: e.actorId, name: e.actor })}
          >
            {e.actor}
          </button>
        ) : (
          <span>{e.actor}</span>
        )}
        {e.clientAddress && (
          <span className="text-xs text-muted" title={e.userAgent ?? undefined}>
            from {e.clientAddress}
          </span>
        )}
      </div>
    ),
  },
  {
    id: "action",
    header: "Action",
    cell: (e) => <Badge tone={actionTone[e.action as keyof typeof actionTone] ?? "neutral"}>{e.action}</Badge>,
  },
  {
    id: "entity",
    header: "Entity",
    // What changed heads the event's card on a phone.
    primary: true,
    cell: (e) => (
      <>
        <span className="text-muted">{e.entityType}</span> <span className="font-mono">{e.entityId}</span>
      </>
    ),
  },
  { id: "scope", header: "Scope", hideBelow: "lg", cell: scopeLabel },
  { id: "changes", header: "Changes", cell: (e) => <Changes diff={e.diff} /> },
];

export function AuditLog() {
  const scope = useScope();
  const [entityType, setEntityType] = useState("");
  const [action, setAction] = useState<AuditAction | "">("");
  const [actor, setActor] = useState<ActorFilter>(null);
  const search = useListSearch();
  const query = useAuditEvents({
    entityType,
    action,
    q: search.q,
    actor: actor?.id,
    org: scope.org,
    project: scope.project,
  });
  const events = pageItems(query.data);
  const filtered = Boolean(entityType || action || search.q || actor);

  return (
    <>
      <FilterBar
        label="Filter audit events"
        search={{
          id: "audit-search",
          value: search.text,
          onChange: search.setText,
          label: "Identifier, scope or actor",
          placeholder: "Search by identifier, scope or actor",
        }}
        onClear={
          filtered
            ? () => {
                setEntityType("");
                setAction("");
                setActor(null);
                search.setText("");
              }
            : undefined
        }
        updating={query.isFetching && !query.isFetchingNextPage && !query.isPending}
      >
        <FilterSelect
          id="audit-entity-filter"
          label="Entity type"
          value={entityType}
          onChange={setEntityType}
          all="All types"
          options={ENTITY_TYPES.map((t) => ({ value: t, label: t }))}
          className="w-52"
        />
        <FilterSelect
          id="audit-action-filter"
          label="Action"
          value={action}
          onChange={setAction}
          all="All actions"
          options={auditActions.map((a) => ({ value: a, label: a }))}
          className="w-36"
        />
        {actor && (
          <p className="flex items-center gap-2 self-end rounded-md border border-border px-2 py-1.5 text-sm">
            <span>
              Actor: <strong>{actor.name}</strong>
            </span>
            <button
              type="button"
              className="rounded px-1 text-muted hover:text-fg"
              aria-label={`Show every actor, not only ${actor.name}`}
              onClick={() => setActor(null)}
            >
              ×
            </button>
          </p>
        )}
      </FilterBar>
      <ListResults
        query={query}
        count={events.length}
        loading="Loading audit events…"
        icon="audit"
        empty={{
          title: "No audit events match",
          children: "Changes appear here as soon as someone creates, edits or deletes something in this scope.",
        }}
        loadMoreLabel="Load older events"
      >
        <DataTable
          caption="Audit events, newest first"
          columns={columns(setActor)}
          rows={events}
          rowKey={(e) => e.id}
        />
      </ListResults>
    </>
  );
}
