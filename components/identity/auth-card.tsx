import type { ReactNode } from "react";

/** The Conduit mark: the letter on the accent square, as in the console's header. */
export function ConduitMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden
      className={className ?? "grid size-7 place-items-center rounded-md bg-accent font-semibold text-accent-fg"}
    >
      C
    </span>
  );
}

/**
 * The frame of the pages used without a session (sign in, first-run setup, set password): the
 * mark, then one centered card with the page's heading. No navigation, nothing else to do.
 */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <main id="main" className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold tracking-tight">
          <ConduitMark className="grid size-9 place-items-center rounded-lg bg-accent text-lg font-semibold text-accent-fg" />
          Conduit
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description && <div className="mt-1.5 text-sm text-muted">{description}</div>}
          <div className="mt-6">{children}</div>
        </div>
        {footer && <div className="mt-4 text-center text-sm text-muted">{footer}</div>}
      </main>
    </div>
  );
}
