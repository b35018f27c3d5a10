import { Badge } from "@/components/ui/misc";
import { kindOf } from "@/lib/runtime-input";

/** A multi-type value as text, marked when it is a runtime input or an expression. */
export function ValueText({ value, empty = "—" }: { value: string | boolean | undefined | null; empty?: string }) {
  if (value === undefined || value === null || value === "") return <span className="text-muted">{empty}</span>;
  const text = String(value);
  const kind = kindOf(text);
  return (
    <span className="inline-flex min-w-0 flex-wrap items-center gap-1.5">
      <span className="break-all font-mono text-xs">{text}</span>
      {kind === "runtime" && <Badge tone="info">Runtime input</Badge>}
      {kind === "expression" && <Badge tone="warning">Expression</Badge>}
    </span>
  );
}
