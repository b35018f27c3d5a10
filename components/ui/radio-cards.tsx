"use client";
import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface RadioCardOption<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
  /** Small marker next to the label ("Recommended"). */
  badge?: ReactNode;
  /** Shown but not selectable (a choice that is not available yet). */
  disabled?: boolean;
}

/**
 * A fieldset of native radios drawn as cards: arrow keys move between them, the label names the
 * radio and the description is announced as its description. The whole card is clickable.
 */
export function RadioCards<V extends string>({
  legend,
  name,
  value,
  onChange,
  options,
  columns = 2,
  error,
  hideLegend,
}: {
  legend: string;
  name: string;
  value: V | undefined;
  onChange: (value: V) => void;
  options: readonly RadioCardOption<V>[];
  columns?: 1 | 2 | 4;
  error?: string;
  hideLegend?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className="flex min-w-0 flex-col gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={cn("mb-2 text-sm font-medium", hideLegend && "sr-only")}>{legend}</legend>
      <div
        className={cn(
          "grid gap-3",
          columns === 2 && "sm:grid-cols-2",
          columns === 4 && "sm:grid-cols-2 xl:grid-cols-4",
        )}
      >
        {options.map((o) => {
          const optionId = `${id}-${o.value}`;
          const checked = value === o.value;
          return (
            <div
              key={o.value}
              className={cn(
                "relative flex gap-3 rounded-lg border bg-surface p-3.5 transition-colors",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus",
                checked
                  ? "border-accent bg-accent/5 shadow-[inset_0_0_0_1px_var(--accent)]"
                  : "border-border hover:border-muted",
                // Not available yet: a dimmed radio and a dashed border. No opacity on the card:
                // the description is text that must keep its contrast, only the control is exempt.
                o.disabled && "border-dashed hover:border-border",
              )}
            >
              <input
                type="radio"
                id={optionId}
                name={name}
                value={o.value}
                checked={checked}
                disabled={o.disabled}
                onChange={() => onChange(o.value)}
                aria-describedby={o.description ? `${optionId}-desc` : undefined}
                className="relative z-10 mt-0.5 size-4 shrink-0 accent-[var(--accent)] disabled:opacity-50"
                // The card shows the focus ring; the global :focus-visible outline would double it.
                style={{ outline: "none" }}
              />
              <div className="flex min-w-0 flex-col gap-1">
                <label
                  htmlFor={optionId}
                  className={cn(
                    "flex flex-wrap items-center gap-2 text-sm font-medium after:absolute after:inset-0 after:cursor-pointer",
                    o.disabled && "text-muted after:cursor-not-allowed",
                  )}
                >
                  {o.label}
                  {o.badge}
                </label>
                {o.description && (
                  <p id={`${optionId}-desc`} className="text-xs leading-relaxed text-muted">
                    {o.description}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}
