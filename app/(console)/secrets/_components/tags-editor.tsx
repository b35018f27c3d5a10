"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

interface Row {
  key: string;
  value: string;
}

const toRecord = (rows: Row[]) =>
  Object.fromEntries(rows.filter((r) => r.key.trim() !== "").map((r) => [r.key.trim(), r.value]));

/**
 * Key/value rows for a tags record. Rows are local state (a half-typed row has no key yet);
 * the record they make, without empty keys, goes to onChange.
 */
export function TagsEditor({
  value,
  onChange,
  invalid,
  describedBy,
}: {
  value: Record<string, string>;
  onChange: (tags: Record<string, string>) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => Object.entries(value).map(([key, v]) => ({ key, value: v })));
  // The row "Add tag" just created gets focus, so keyboard users can type its key at once.
  const [added, setAdded] = useState<number>();
  const update = (next: Row[]) => {
    setRows(next);
    onChange(toRecord(next));
  };
  const duplicates = new Set(rows.map((r) => r.key.trim()).filter((k, i, all) => k && all.indexOf(k) !== i));

  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy}>
      <legend className="mb-1.5 text-sm font-medium">Tags</legend>
      {rows.length === 0 && <p className="text-sm text-muted">No tags.</p>}
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-center gap-2">
          <Input
            aria-label={`Tag ${i + 1} key`}
            id={`${id}-k${i}`}
            autoFocus={i === added}
            value={row.key}
            placeholder="key"
            className="font-mono"
            aria-invalid={invalid || duplicates.has(row.key.trim()) || /\s/.test(row.key.trim())}
            onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
          />
          <Input
            aria-label={`Tag ${i + 1} value`}
            value={row.value}
            placeholder="value"
            onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
          />
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Remove tag ${row.key || i + 1}`}
            onClick={() => update(rows.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </div>
      ))}
      {duplicates.size > 0 && <p className="text-sm text-warning">Each key can appear once; the last row wins.</p>}
      <div>
        <Button
          size="sm"
          onClick={() => {
            setAdded(rows.length);
            setRows([...rows, { key: "", value: "" }]);
          }}
        >
          Add tag
        </Button>
      </div>
    </fieldset>
  );
}
