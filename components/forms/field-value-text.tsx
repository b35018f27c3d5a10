// Read-only rendering of a multi-type value for summaries: fixed text as is, a runtime input
// as a chip with its options in words, an expression in code type. No hooks: usable anywhere.
import { cn } from "@/components/ui/cn";
import { describeRuntimeInput, kindOf, parseFieldValue } from "@/lib/runtime-input";

export function FieldValueText({
  value,
  empty = "—",
  className,
}: {
  value: string | boolean | null | undefined;
  empty?: string;
  className?: string;
}) {
  if (value === undefined || value === null || value === "")
    return <span className={cn("text-muted", className)}>{empty}</span>;
  const text = String(value);
  const kind = kindOf(text);
  if (kind === "fixed") return <span className={cn("break-all", className)}>{text}</span>;
  if (kind === "expression") {
    return (
      <span className={cn("inline-flex flex-wrap items-center gap-1.5", className)}>
        <code className="break-all font-mono text-xs">{text}</code>
        <span className="rounded-full border border-warning/40 bg-warning/10 px-2 py-0.5 text-xs text-warning">
          Expression
        </span>
      </span>
    );
  }
  const parsed = parseFieldValue(text);
  const words = parsed.ok && parsed.value.kind === "runtime" ? describeRuntimeInput(parsed.value.input) : undefined;
  return (
    <span className={cn("inline-flex flex-wrap items-center gap-1.5", className)} title={words}>
      <span className="rounded-full border border-accent/40 bg-accent/10 px-2 py-0.5 text-xs font-medium text-accent">
        Runtime input
      </span>
      <code className="break-all font-mono text-xs">{text}</code>
      {words && <span className="sr-only">{words}</span>}
    </span>
  );
}
