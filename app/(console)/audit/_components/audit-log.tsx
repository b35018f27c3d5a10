"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Alert, Badge, EmptyState, Time } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useAuditEvents } from "@/lib/audit/hooks";
import { auditActions, type AuditEventDto } from "@/lib/audit/schemas";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";

const ENTITY_TYPES = ["Organization", "Project", "Connector", "Secret", "ConnectorTest"];
const actionTone = { CREATE: "success", UPDATE: "info", DELETE: "danger" } as const;

function Changes({ diff }: { diff: unknown }) {
  const entries = Object.entries((diff ?? {}) as Record<string, { from: unknown; to: unknown }>);
  if (!entries.length) return <span className="text-muted">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-sm">{entries.map(([k]) => k).join(", ")}</summary>
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

export function AuditLog() {
  const scope = useScope();
  const [entityType, setEntityType] = useState("");
  const [action, setAction] = useState("");
  const [q, setQ] = useState("");
  const query = useAuditEvents({ entityType, action, q: q.trim(), org: scope.org, project: scope.project });
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter audit events"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="flex flex-col gap-1 text-sm">
          Entity type
          <Select value={entityType} onChange={(e) => setEntityType(e.target.value)} className="w-44">
            <option value="">All types</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Action
          <Select value={action} onChange={(e) => setAction(e.target.value)} className="w-36">
            <option value="">All actions</option>
            {auditActions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Identifier, scope or actor
          <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search…" className="w-56" />
        </label>
        {query.isFetching && <Spinner label="Loading" />}
      </form>

      {query.isError && <Alert>{errorMessage(query.error)}</Alert>}
      {query.isSuccess && events.length === 0 && (
        <EmptyState title="No audit events match" icon="audit">
          Changes appear here as soon as someone creates, edits or deletes something in this scope.
        </EmptyState>
      )}
      {events.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="border-b border-border bg-surface-2 text-xs uppercase text-muted">
              <tr>
                <th scope="col" className="px-4 py-2">
                  When
                </th>
                <th scope="col" className="px-4 py-2">
                  Actor
                </th>
                <th scope="col" className="px-4 py-2">
                  Action
                </th>
                <th scope="col" className="px-4 py-2">
                  Entity
                </th>
                <th scope="col" className="px-4 py-2">
                  Scope
                </th>
                <th scope="col" className="px-4 py-2">
                  Changes
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-border last:border-0 align-top">
                  <td className="whitespace-nowrap px-4 py-2">
                    <Time iso={e.at} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2">{e.actor}</td>
                  <td className="px-4 py-2">
                    <Badge tone={actionTone[e.action as keyof typeof actionTone] ?? "neutral"}>{e.action}</Badge>
                  </td>
                  <td className="px-4 py-2">
                    <span className="text-muted">{e.entityType}</span> <span className="font-mono">{e.entityId}</span>
                  </td>
                  <td className="px-4 py-2">{scopeLabel(e)}</td>
                  <td className="px-4 py-2">
                    <Changes diff={e.diff} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage} className="self-center">
          Load older events
        </Button>
      )}
    </div>
  );
}
