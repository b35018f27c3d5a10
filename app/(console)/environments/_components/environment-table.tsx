"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/misc";
import { ENVIRONMENT_TYPE_LABELS, type EnvironmentDto } from "@/lib/environments/schemas";

export function EnvironmentTable({
  items,
  infrastructuresHref,
  newInfrastructureHref,
  onEdit,
  onDelete,
}: {
  items: EnvironmentDto[];
  infrastructuresHref: (identifier: string) => string;
  newInfrastructureHref: (identifier: string) => string;
  onEdit: (dto: EnvironmentDto) => void;
  onDelete: (dto: EnvironmentDto) => void;
}) {
  const th = "px-3 py-2.5 text-left text-xs font-medium text-muted";
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full min-w-[44rem] border-collapse text-sm">
        <caption className="sr-only">Environments</caption>
        <thead className="border-b border-border bg-surface-2/60">
          <tr>
            <th scope="col" className={`${th} pl-4`}>
              Name
            </th>
            <th scope="col" className={th}>
              Type
            </th>
            <th scope="col" className={th}>
              Infrastructure definitions
            </th>
            <th scope="col" className={th}>
              Tags
            </th>
            <th scope="col" className={`${th} pr-4 text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((dto) => {
            const e = dto.environment;
            const tags = Object.entries(e.tags ?? {});
            return (
              <tr key={e.identifier} className="border-b border-border last:border-0 hover:bg-surface-2/40">
                <td className="max-w-72 py-3 pl-4 pr-3 align-top">
                  <div className="font-medium">{e.name}</div>
                  <div className="truncate font-mono text-xs text-muted" title={e.identifier}>
                    {e.identifier}
                  </div>
                  {e.description && <div className="mt-1 line-clamp-2 text-xs text-muted">{e.description}</div>}
                </td>
                <td className="px-3 py-3 align-top">
                  <Badge tone={e.type === "Production" ? "warning" : "info"}>{ENVIRONMENT_TYPE_LABELS[e.type]}</Badge>
                </td>
                <td className="px-3 py-3 align-top">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Link href={infrastructuresHref(e.identifier)} className="text-accent hover:underline">
                      {dto.infrastructureCount === 0
                        ? "None yet"
                        : `${dto.infrastructureCount} definition${dto.infrastructureCount === 1 ? "" : "s"}`}
                      <span className="sr-only"> in {e.name}</span>
                    </Link>
                    <Link
                      href={newInfrastructureHref(e.identifier)}
                      className="text-xs text-muted hover:text-fg hover:underline"
                    >
                      Add<span className="sr-only"> an infrastructure definition to {e.name}</span>
                    </Link>
                  </div>
                </td>
                <td className="px-3 py-3 align-top">
                  <div className="flex max-w-64 flex-wrap gap-1">
                    {tags.length === 0 && <span className="text-xs text-muted">—</span>}
                    {tags.map(([k, v]) => (
                      <Badge key={k} className="font-mono">
                        {v ? `${k}:${v}` : k}
                      </Badge>
                    ))}
                  </div>
                </td>
                <td className="whitespace-nowrap py-2.5 pl-3 pr-4 text-right align-top">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onEdit(dto)}
                    aria-label={`Edit environment ${e.name}`}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onDelete(dto)}
                    aria-label={`Delete environment ${e.name}`}
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
