"use client";
// A text box with a list of suggestions (WAI-ARIA combobox, list autocomplete). Typing is never
// blocked: the suggestions filter as the user types, and any text is a valid value. Arrow keys
// move through the list, Enter picks, Escape closes.
import { forwardRef, useId, useState, type ReactNode } from "react";
import { cn } from "./cn";
import { Input } from "./field";

export interface ComboboxOption {
  value: string;
  label?: ReactNode;
  /** Shown muted after the label (the region of a cluster). */
  detail?: ReactNode;
}

export interface ComboboxProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** An option was chosen from the list (after onChange): the value is a known one. */
  onPick?: (value: string) => void;
  onBlur?: () => void;
  options: readonly ComboboxOption[];
  placeholder?: string;
  /** Shown inside the open list above the options (loading, errors). */
  status?: ReactNode;
  /** Accessible name of the listbox ("Clusters"). */
  listLabel: string;
  className?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

export const Combobox = forwardRef<HTMLInputElement, ComboboxProps>(function Combobox(
  { id, value, onChange, onPick, onBlur, options, placeholder, status, listLabel, className, ...aria },
  ref,
) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Filter only by what the user typed since opening: a chosen value shows the whole list again.
  const [query, setQuery] = useState<string | null>(null);
  const q = (query ?? "").trim().toLowerCase();
  const shown = q ? options.filter((o) => o.value.toLowerCase().includes(q)) : options;
  const expanded = open && (shown.length > 0 || Boolean(status));

  const pick = (o: ComboboxOption) => {
    onChange(o.value);
    onPick?.(o.value);
    setOpen(false);
    setQuery(null);
    setActive(-1);
  };

  return (
    <div className={cn("relative", className)}>
      <Input
        ref={ref}
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        // A dialog around this box leaves Escape to the list while it is shown (keepEscapeForOpenList).
        data-popup-open={expanded || undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        className="font-mono"
        {...aria}
        onChange={(e) => {
          onChange(e.target.value);
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
          onBlur?.();
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
            if (!shown.length) return;
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((i) => (i + step + shown.length) % shown.length);
          } else if (e.key === "Enter" && expanded && active >= 0 && shown[active]) {
            e.preventDefault();
            pick(shown[active]!);
          } else if (e.key === "Escape" && open) {
            // Only the list closes; a dialog around it lets this Escape pass (keepEscapeForOpenList).
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      <div
        className={cn(
          "absolute left-0 right-0 top-full z-20 mt-1 max-h-64 overflow-y-auto rounded-md border border-border bg-surface py-1 shadow-lg",
          !expanded && "hidden",
        )}
      >
        {status && <div className="px-3 py-1.5 text-xs text-muted">{status}</div>}
        <ul id={listId} role="listbox" aria-label={listLabel}>
          {shown.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={o.value === value}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseMove={() => setActive(i)}
              className={cn(
                "flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 text-sm pointer-coarse:items-center",
                i === active && "bg-surface-2",
                o.value === value && "font-semibold",
              )}
            >
              <span className="truncate font-mono">{o.label ?? o.value}</span>
              {o.detail && <span className="shrink-0 text-xs text-muted">{o.detail}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
});
