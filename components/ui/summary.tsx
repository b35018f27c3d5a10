import type { CSSProperties, ReactNode } from "react";
import { Card } from "./misc";

/** One card of a read-only summary: a title over a definition list of `SummaryRow`s. */
export function SummarySection({
  title,
  termWidth = "12rem",
  children,
}: {
  title: string;
  termWidth?: string;
  children: ReactNode;
}) {
  return (
    <Card className="p-0">
      <h3 className="border-b border-border px-5 py-3 text-sm font-semibold">{title}</h3>
      <dl className="divide-y divide-border/60 px-5 py-1" style={{ "--summary-term": termWidth } as CSSProperties}>
        {children}
      </dl>
    </Card>
  );
}

/** A term and its value; side by side from `sm` up, the term column as wide as the section says. */
export function SummaryRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[var(--summary-term)_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm text-muted">{term}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}
