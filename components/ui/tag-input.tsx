"use client";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "./cn";
import { FieldError } from "./field";

export interface TagInputProps {
  id?: string;
  value: readonly string[];
  onChange: (next: string[]) => void;
  onBlur?: () => void;
  placeholder?: string;
  /** Names the chips' remove buttons: "Remove {itemLabel} {value}". */
  itemLabel?: string;
  /** Refuses a draft with a message (duplicates are always refused). */
  validate?: (draft: string, existing: readonly string[]) => string | undefined;
  /** Turns the typed text into the stored item (e.g. trims around a colon). */
  normalize?: (draft: string) => string;
  disabled?: boolean;
  className?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/**
 * Chips plus a text box. Enter or comma adds the typed item, Backspace in an empty box removes
 * the last chip, each chip has its own remove button. Typed text is added on blur too, so a
 * value is never silently lost when the user moves on.
 */
export function TagInput({
  id,
  value,
  onChange,
  onBlur,
  placeholder,
  itemLabel = "tag",
  validate,
  normalize = (s) => s.trim(),
  disabled,
  className,
  "aria-invalid": invalid,
  "aria-describedby": describedBy,
}: TagInputProps) {
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const problemId = useId();
  const listId = useId();

  const commit = (): boolean => {
    const item = normalize(draft);
    if (!item) return false;
    const message = value.includes(item) ? "Already added" : validate?.(item, value);
    if (message) {
      setProblem(message);
      return false;
    }
    onChange([...value, item]);
    setDraft("");
    setProblem(undefined);
    return true;
  };

  const remove = (index: number) => {
    onChange(value.filter((_, i) => i !== index));
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || (e.key === "," && draft.trim())) {
      // Enter in a tag box adds a tag; it must never submit the surrounding form.
      e.preventDefault();
      commit();
    } else if (e.key === "Backspace" && draft === "" && value.length > 0) {
      e.preventDefault();
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <div
        onClick={(e) => e.target === e.currentTarget && inputRef.current?.focus()}
        className={cn(
          "flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-border bg-surface px-2 py-1 text-sm",
          "focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus",
          (invalid || problem) && "border-danger",
          disabled && "opacity-60",
        )}
      >
        {value.length > 0 && (
          <ul id={listId} className="contents" aria-label={`Added ${itemLabel}s`}>
            {value.map((item, i) => (
              <li
                key={item}
                className="inline-flex max-w-full items-center gap-1 rounded-full border border-border bg-surface-2 py-0.5 pl-2.5 pr-1 text-xs"
              >
                <span className="truncate font-mono" title={item}>
                  {item}
                </span>
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => remove(i)}
                  aria-label={`Remove ${itemLabel} ${item}`}
                  data-compact
                  className="grid size-4 place-items-center rounded-full text-muted hover:bg-border hover:text-fg focus-visible:outline-offset-0 pointer-coarse:size-7"
                >
                  <span aria-hidden>×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={id}
          value={draft}
          disabled={disabled}
          onChange={(e) => {
            setDraft(e.target.value);
            if (problem) setProblem(undefined);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            commit();
            onBlur?.();
          }}
          placeholder={value.length ? undefined : placeholder}
          aria-invalid={invalid || Boolean(problem)}
          aria-describedby={[problem ? problemId : undefined, describedBy].filter(Boolean).join(" ") || undefined}
          className="h-7 min-w-32 flex-1 bg-transparent px-1 text-sm text-fg placeholder:text-muted"
          // The ring is drawn around the whole box; the global :focus-visible rule is unlayered, so only an inline style beats it.
          style={{ outline: "none" }}
        />
      </div>
      {problem && <FieldError id={problemId}>{problem}</FieldError>}
    </div>
  );
}
