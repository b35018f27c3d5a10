"use client";
import { cn } from "./cn";

export interface StepperStep {
  id: string;
  label: string;
  /** One short line under the label (hidden on narrow screens). */
  description?: string;
}

/**
 * Where the user is in a multi-step flow: an ordered list with `aria-current="step"` on the
 * current step. Steps the user may jump to (`canSelect`) are buttons; the rest are plain text.
 */
export function Stepper({
  steps,
  current,
  isComplete,
  canSelect,
  onSelect,
  label = "Progress",
  className,
}: {
  steps: readonly StepperStep[];
  current: number;
  isComplete: (index: number) => boolean;
  canSelect?: (index: number) => boolean;
  onSelect?: (index: number) => void;
  label?: string;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={className}>
      <ol className="flex flex-wrap items-stretch gap-x-1 gap-y-2 max-sm:flex-nowrap">
        {steps.map((step, i) => {
          const isCurrent = i === current;
          const done = !isCurrent && isComplete(i);
          const selectable = !isCurrent && Boolean(onSelect) && (canSelect ? canSelect(i) : done);
          const marker = (
            <span
              aria-hidden
              className={cn(
                "grid size-6 shrink-0 place-items-center rounded-full border text-xs font-semibold tabular-nums",
                isCurrent && "border-accent bg-accent text-accent-fg",
                done && "border-success bg-success/10 text-success",
                !isCurrent && !done && "border-border bg-surface text-muted",
              )}
            >
              {done ? "✓" : i + 1}
            </span>
          );
          const text = (
            <span className="flex min-w-0 flex-col text-left">
              <span
                className={cn(
                  "text-sm leading-5",
                  isCurrent ? "font-semibold text-fg" : done ? "font-medium text-fg" : "text-muted",
                  // Phones: one row of numbered markers (the card below names the step).
                  "max-sm:sr-only",
                )}
              >
                {step.label}
                {done && <span className="sr-only"> (completed)</span>}
              </span>
              {step.description && (
                <span className="hidden text-xs leading-4 text-muted xl:block">{step.description}</span>
              )}
            </span>
          );
          return (
            <li
              key={step.id}
              aria-current={isCurrent ? "step" : undefined}
              className={cn("flex min-w-0 flex-1 basis-28 items-center gap-1", "max-sm:flex-none max-sm:basis-auto")}
            >
              {selectable ? (
                <button
                  type="button"
                  onClick={() => onSelect?.(i)}
                  className="flex min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-1.5 hover:bg-surface-2 max-sm:px-1"
                >
                  {marker}
                  {text}
                </button>
              ) : (
                <div
                  className={cn(
                    "flex min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-1.5 max-sm:px-1",
                    isCurrent && "bg-accent/10",
                  )}
                >
                  {marker}
                  {text}
                </div>
              )}
              {i < steps.length - 1 && (
                <span
                  aria-hidden
                  className={cn("h-px w-4 shrink-0 max-sm:w-1", done ? "bg-success/60" : "bg-border")}
                />
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
