import type { ReactNode } from "react";

/** One titled card of the definition form; the heading labels the region for screen readers. */
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-border bg-surface">
      <div className="border-b border-border px-6 py-4">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
      </div>
      <div className="flex flex-col gap-5 px-6 py-5">{children}</div>
    </section>
  );
}
