"use client";
import { connectorScopeLabel, RegionText } from "@/components/connectors/format";
import { HealthBadge, TestStatusWithTime } from "@/components/connection-test/test-status-badge";
import { Button } from "@/components/ui/button";
import { DataTable, NameCell, actionsColumn, type Column, type Sort } from "@/components/ui/data-table";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { CREDENTIAL_TYPE_INFO } from "@/lib/connectors/schemas";

export type SortField = "name" | "updatedAt";

/** Date only in the table (the full time is in the tooltip): the column stays narrow at 1024 px. */
function ShortDate({ iso }: { iso: string }) {
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={d.toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })}>
      {d.toLocaleDateString(undefined, { dateStyle: "medium" })}
    </time>
  );
}

export function ConnectorTable({
  items,
  sort,
  onSort,
  onDelete,
  detailsHref,
  deleteDisabledReason,
}: {
  items: ConnectorDto[];
  sort: Sort<SortField>;
  onSort: (s: Sort<SortField>) => void;
  onDelete: (dto: ConnectorDto) => void;
  detailsHref: (identifier: string) => string;
  /** Set while Delete is not available (a missing permission, or not known yet). */
  deleteDisabledReason?: string;
}) {
  const columns: Column<ConnectorDto, SortField>[] = [
    {
      id: "name",
      header: "Name",
      // Names read best A→Z first.
      sort: { field: "name", first: "asc" },
      cell: ({ connector: c }) => <NameCell name={c.name} identifier={c.identifier} href={detailsHref(c.identifier)} />,
    },
    {
      id: "credentials",
      header: "Credentials",
      hideBelow: "sm",
      cell: ({ connector: c }) => CREDENTIAL_TYPE_INFO[c.spec.credential.type].label,
    },
    {
      id: "region",
      header: "Test region",
      hideBelow: "md",
      cell: ({ connector: c }) => <RegionText region={c.spec.credential.region} />,
    },
    {
      id: "test",
      header: "Last test",
      hideBelow: "sm",
      cell: (dto) => <TestStatusWithTime status={dto.lastTestStatus} testedAt={dto.lastTestedAt} />,
    },
    {
      id: "health",
      header: "Health",
      hideBelow: "md",
      cell: (dto) => <HealthBadge health={dto.health} nextCheckAt={dto.nextCheckAt} />,
    },
    { id: "scope", header: "Scope", hideBelow: "xl", className: "text-muted", cell: connectorScopeLabel },
    {
      id: "updated",
      header: "Updated",
      hideBelow: "lg",
      // Times read best newest first.
      sort: { field: "updatedAt", first: "desc" },
      className: "whitespace-nowrap text-xs text-muted",
      cell: (dto) => <ShortDate iso={dto.updatedAt} />,
    },
    actionsColumn((dto) => (
      <Button
        size="sm"
        variant="ghost"
        onClick={() => onDelete(dto)}
        aria-label={`Delete connector ${dto.connector.name}`}
        className="text-danger"
        disabledReason={deleteDisabledReason}
      >
        Delete
      </Button>
    )),
  ];
  return (
    <DataTable
      caption="AWS connectors"
      columns={columns}
      rows={items}
      rowKey={(dto) => dto.connector.identifier}
      sort={sort}
      onSort={onSort}
      className="md:min-w-[44rem]"
    />
  );
}
