"use client";
import { secretScopeLabel } from "@/components/secrets/scope-label";
import { Button } from "@/components/ui/button";
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
}

export function SecretTable({ items, caption, ...actions }: { items: SecretDto[]; caption: string } & SecretActions) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border bg-surface-2 text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Secret
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Scope
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Value
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Tags
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr
              key={s.identifier}
              aria-label={`Secret ${s.name}`}
              className="border-b border-border align-top last:border-0"
            >
              <td className="px-4 py-3">
                <div className="font-medium">{s.name}</div>
                <div className="font-mono text-xs text-muted">{s.identifier}</div>
                {s.description && <p className="mt-1 line-clamp-2 max-w-md text-xs text-muted">{s.description}</p>}
              </td>
              <td className="whitespace-nowrap px-4 py-3">{secretScopeLabel(s)}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <Badge tone="success">Configured</Badge>
                <div className="mt-1 text-xs text-muted">
                  updated <Time iso={s.valueUpdatedAt} />
                </div>
              </td>
              <td className="px-4 py-3">
                <Tags tags={s.tags} />
              </td>
              <td className="px-4 py-3">
                <div className="flex justify-end gap-1.5 whitespace-nowrap">
                  <Button size="sm" onClick={() => actions.onReplace(s)} aria-label={`Replace value of ${s.name}`}>
                    Replace value
                  </Button>
                  <Button size="sm" onClick={() => actions.onEdit(s)} aria-label={`Edit secret ${s.name}`}>
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-danger"
                    onClick={() => actions.onDelete(s)}
                    aria-label={`Delete secret ${s.name}`}
                  >
                    Delete
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
