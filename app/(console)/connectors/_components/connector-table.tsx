"use client";
import Link from "next/link";
import { connectorScopeLabel, RegionText } from "@/components/connectors/format";
import { TestStatusWithTime } from "@/components/connection-test/test-status-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { CREDENTIAL_TYPE_INFO } from "@/lib/connectors/schemas";

/** Date only in the table (the full time is in the tooltip): the column stays narrow at 1024 px. */
function ShortDate({ iso }: { iso: string }) {
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={d.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })}>
      {d.toLocaleDateString(undefined, { dateStyle: "medium" })}
    </time>
  );
}

export type SortField = "name" | "updatedAt";
export interface Sort {
  field: SortField;
  order: "asc" | "desc";
}

function SortHeader({
  field,
  label,
  sort,
  onSort,
  className,
}: {
  field: SortField;
  label: string;
  sort: Sort;
  onSort: (s: Sort) => void;
  className?: string;
}) {
  const active = sort.field === field;
  // Names read best A→Z first, times newest first.
  const first = field === "name" ? "asc" : "desc";
  const next: Sort = { field, order: active ? (sort.order === "asc" ? "desc" : "asc") : first };
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : undefined}
      className={className}
    >
      <button
        type="button"
        onClick={() => onSort(next)}
        className={cn("-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-fg", active && "text-fg")}
        aria-label={`Sort by ${label.toLowerCase()}${active ? `, now ${sort.order === "asc" ? "ascending" : "descending"}` : ""}`}
      >
        {label}
        <span aria-hidden className={cn("text-[10px]", !active && "opacity-40")}>
          {active ? (sort.order === "asc" ? "▲" : "▼") : "▲▼"}
        </span>
      </button>
    </th>
  );
}

export function ConnectorTable({
  items,
  sort,
  onSort,
  onDelete,
  detailsHref,
}: {
  items: ConnectorDto[];
  sort: Sort;
  onSort: (s: Sort) => void;
  onDelete: (dto: ConnectorDto) => void;
  detailsHref: (identifier: string) => string;
}) {
  const th = "px-3 py-2.5 text-left text-xs font-medium text-muted";
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full min-w-[44rem] border-collapse text-sm">
        <caption className="sr-only">AWS connectors</caption>
        <thead className="border-b border-border bg-surface-2/60">
          <tr>
            <SortHeader field="name" label="Name" sort={sort} onSort={onSort} className={cn(th, "pl-4")} />
            <th scope="col" className={th}>
              Credentials
            </th>
            <th scope="col" className={th}>
              Test region
            </th>
            <th scope="col" className={th}>
              Last test
            </th>
            <th scope="col" className={cn(th, "hidden xl:table-cell")}>
              Scope
            </th>
            <SortHeader field="updatedAt" label="Updated" sort={sort} onSort={onSort} className={th} />
            <th scope="col" className={cn(th, "pr-4 text-right")}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((dto) => {
            const c = dto.connector;
            return (
              <tr key={c.identifier} className="border-b border-border last:border-0 hover:bg-surface-2/40">
                <td className="max-w-64 py-3 pl-4 pr-3 align-top">
                  <Link href={detailsHref(c.identifier)} className="font-medium text-accent hover:underline">
                    {c.name}
                  </Link>
                  <div className="truncate font-mono text-xs text-muted" title={c.identifier}>
                    {c.identifier}
                  </div>
                </td>
                <td className="px-3 py-3 align-top">{CREDENTIAL_TYPE_INFO[c.spec.credential.type].label}</td>
                <td className="px-3 py-3 align-top">
                  <RegionText region={c.spec.credential.region} />
                </td>
                <td className="px-3 py-3 align-top">
                  <TestStatusWithTime status={dto.lastTestStatus} testedAt={dto.lastTestedAt} />
                </td>
                <td className="hidden px-3 py-3 align-top text-muted xl:table-cell">{connectorScopeLabel(dto)}</td>
                <td className="whitespace-nowrap px-3 py-3 align-top text-xs text-muted">
                  <ShortDate iso={dto.updatedAt} />
                </td>
                <td className="py-2.5 pl-3 pr-4 text-right align-top">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onDelete(dto)}
                    aria-label={`Delete connector ${c.name}`}
                    className="text-danger"
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
