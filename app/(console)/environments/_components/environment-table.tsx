"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DataTable, NameCell, actionsColumn, type Column } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/misc";
import { ENVIRONMENT_TYPE_LABELS, type EnvironmentDto } from "@/lib/environments/schemas";

function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  return (
    <div className="flex max-w-64 flex-wrap gap-1">
      {entries.length === 0 && <span className="text-xs text-muted">—</span>}
      {entries.map(([k, v]) => (
        <Badge key={k} className="font-mono">
          {v ? `${k}:${v}` : k}
        </Badge>
      ))}
    </div>
  );
}

export function EnvironmentTable({
  items,
  infrastructuresHref,
  newInfrastructureHref,
  onEdit,
  onDelete,
  editDisabledReason,
  deleteDisabledReason,
  canAddInfrastructure = true,
}: {
  items: EnvironmentDto[];
  infrastructuresHref: (identifier: string) => string;
  newInfrastructureHref: (identifier: string) => string;
  onEdit: (dto: EnvironmentDto) => void;
  onDelete: (dto: EnvironmentDto) => void;
  /** Set while that action is not available (a missing permission, or not known yet). */
  editDisabledReason?: string;
  deleteDisabledReason?: string;
  /** Offer "Add" (an infrastructure definition) in the row. */
  canAddInfrastructure?: boolean;
}) {
  const columns: Column<EnvironmentDto>[] = [
    {
      id: "name",
      header: "Name",
      cell: ({ environment: e }) => (
        <NameCell name={e.name} identifier={e.identifier}>
          {e.description && <div className="mt-1 line-clamp-2 text-xs text-muted">{e.description}</div>}
        </NameCell>
      ),
    },
    {
      id: "type",
      header: "Type",
      cell: ({ environment: e }) => (
        <Badge tone={e.type === "Production" ? "warning" : "info"}>{ENVIRONMENT_TYPE_LABELS[e.type]}</Badge>
      ),
    },
    {
      id: "infrastructures",
      header: "Infrastructure definitions",
      cell: ({ environment: e, infrastructureCount: n }) => (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Link href={infrastructuresHref(e.identifier)} className="text-accent hover:underline">
            {n === 0 ? "None yet" : `${n} definition${n === 1 ? "" : "s"}`}
            <span className="sr-only"> in {e.name}</span>
          </Link>
          {canAddInfrastructure && (
            <Link
              href={newInfrastructureHref(e.identifier)}
              className="text-xs text-muted hover:text-fg hover:underline"
            >
              Add<span className="sr-only"> an infrastructure definition to {e.name}</span>
            </Link>
          )}
        </div>
      ),
    },
    { id: "tags", header: "Tags", hideBelow: "lg", cell: ({ environment: e }) => <Tags tags={e.tags ?? {}} /> },
    actionsColumn((dto) => (
      <>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onEdit(dto)}
          aria-label={`Edit environment ${dto.environment.name}`}
          disabledReason={editDisabledReason}
        >
          Edit
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onDelete(dto)}
          aria-label={`Delete environment ${dto.environment.name}`}
          disabledReason={deleteDisabledReason}
          className="text-danger"
        >
          Delete
        </Button>
      </>
    )),
  ];
  return (
    <DataTable
      caption="Environments"
      columns={columns}
      rows={items}
      rowKey={(dto) => dto.environment.identifier}
      className="md:min-w-[44rem]"
    />
  );
}
