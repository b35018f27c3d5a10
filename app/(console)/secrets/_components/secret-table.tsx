"use client";
import { secretScopeLabel } from "@/components/secrets/scope-label";
import { Button } from "@/components/ui/button";
import { DataTable, NameCell, actionsColumn, type Column } from "@/components/ui/data-table";
import { Badge, Time } from "@/components/ui/misc";
import type { SecretDto } from "@/lib/secrets/schemas";

const MAX_TAGS = 4;

function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  if (!entries.length) return <span className="text-muted">—</span>;
  return (
    <ul className="flex max-w-72 flex-wrap gap-1" aria-label="Tags">
      {entries.slice(0, MAX_TAGS).map(([k, v]) => (
        <li
          key={k}
          className="max-w-full truncate rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-xs"
          title={`${k}=${v}`}
        >
          {k}
          {v && <span className="text-muted">={v}</span>}
        </li>
      ))}
      {entries.length > MAX_TAGS && (
        <li className="px-1 py-0.5 text-xs text-muted">+{entries.length - MAX_TAGS} more</li>
      )}
    </ul>
  );
}

export interface SecretActions {
  onReplace: (s: SecretDto) => void;
  onEdit: (s: SecretDto) => void;
  onDelete: (s: SecretDto) => void;
  /** Set while that action is not available (a missing permission, or not known yet). */
  editDisabledReason?: string;
  deleteDisabledReason?: string;
}

export function SecretTable({ items, caption, ...actions }: { items: SecretDto[]; caption: string } & SecretActions) {
  const columns: Column<SecretDto>[] = [
    {
      id: "secret",
      header: "Secret",
      cell: (s) => (
        <NameCell name={s.name} identifier={s.identifier}>
          {s.description && <p className="mt-1 line-clamp-2 max-w-md text-xs text-muted">{s.description}</p>}
        </NameCell>
      ),
    },
    { id: "scope", header: "Scope", hideBelow: "md", className: "whitespace-nowrap", cell: secretScopeLabel },
    {
      id: "value",
      header: "Value",
      hideBelow: "sm",
      className: "whitespace-nowrap",
      cell: (s) => (
        <>
          <Badge tone="success">Configured</Badge>
          <div className="mt-1 text-xs text-muted">
            updated <Time iso={s.valueUpdatedAt} />
          </div>
        </>
      ),
    },
    { id: "tags", header: "Tags", hideBelow: "lg", cell: (s) => <Tags tags={s.tags} /> },
    actionsColumn((s) => (
      <>
        <Button
          size="sm"
          onClick={() => actions.onReplace(s)}
          aria-label={`Replace value of ${s.name}`}
          disabledReason={actions.editDisabledReason}
        >
          Replace value
        </Button>
        <Button
          size="sm"
          onClick={() => actions.onEdit(s)}
          aria-label={`Edit secret ${s.name}`}
          disabledReason={actions.editDisabledReason}
        >
          Edit
        </Button>
        <Button
          size="sm"
          variant="ghost"
          className="text-danger"
          onClick={() => actions.onDelete(s)}
          aria-label={`Delete secret ${s.name}`}
          disabledReason={actions.deleteDisabledReason}
        >
          Delete
        </Button>
      </>
    )),
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={items}
      rowKey={(s) => s.identifier}
      rowLabel={(s) => `Secret ${s.name}`}
    />
  );
}
