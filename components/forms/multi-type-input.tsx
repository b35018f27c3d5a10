"use client";
// A form field whose value is a fixed value, a runtime input (<+input>…) or an expression (<+…>).
// The stored value is always the string form (lib/runtime-input); zod (multiType) validates it
// and its message shows under the field. Works with react-hook-form through useController.
import * as Menu from "@radix-ui/react-dropdown-menu";
import { useId, useRef, useState, type ReactNode } from "react";
import { useController, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { describeRuntimeInput, kindOf, parseFieldValue, type FieldKind } from "@/lib/runtime-input";
import { RuntimeInputDialog } from "./runtime-input-editor";

/** What a caller's fixed-value control receives (a select, a combobox with suggestions…). */
export interface FixedControlProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  disabled?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

export interface MultiTypeInputProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  /** Plain text: it also names the value-type button ("Value type for Namespace: Fixed"). */
  label: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  expressionPlaceholder?: string;
  /** The fixed-value control; a text input when omitted. */
  renderFixed?: (props: FixedControlProps) => ReactNode;
  className?: string;
}

export const KIND_LABELS: Record<FieldKind, string> = {
  fixed: "Fixed",
  runtime: "Runtime input",
  expression: "Expression",
};
const KIND_HELP: Record<FieldKind, string> = {
  fixed: "A value set here",
  runtime: "Asked for when a pipeline runs",
  expression: "Computed from <+…> variables",
};
const KIND_SHORT: Record<FieldKind, string> = { fixed: "Fixed", runtime: "Runtime", expression: "<+ >" };

/** Form state may hold booleans (e.g. allowSimultaneousDeployments) or nothing yet. */
function toText(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : String(v);
}

/** The value after switching kind: runtime → fixed keeps the default, anything → runtime is `<+input>`. */
export function convertValue(text: string, to: FieldKind): string {
  if (to === "runtime") return kindOf(text) === "runtime" ? text : "<+input>";
  if (to === "fixed" && kindOf(text) === "runtime") {
    const r = parseFieldValue(text);
    return r.ok && r.value.kind === "runtime" ? (r.value.input.default ?? "") : "";
  }
  return kindOf(text) === to ? text : "";
}

export function MultiTypeInput<T extends FieldValues>({
  control,
  name,
  label,
  hint,
  required,
  disabled,
  placeholder,
  expressionPlaceholder = "<+pipeline.variables.namespace>",
  renderFixed,
  className,
}: MultiTypeInputProps<T>) {
  const { field, fieldState } = useController({ control, name });
  const { ref: inputRef, name: fieldName } = field;
  const text = toText(field.value);
  const id = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const openedByKeyboard = useRef(false);
  const focusAfterMenu = useRef<FieldKind | null>(null);
  const [editing, setEditing] = useState(false);

  // The kind shown is the user's choice while they type (an empty expression is still an
  // expression); a value set from outside (reset, YAML) shows as what it is.
  const [shown, setShown] = useState({ text, kind: kindOf(text) });
  let kind = shown.kind;
  if (shown.text !== text) {
    kind = kindOf(text);
    setShown({ text, kind });
  }
  const write = (next: string, nextKind: FieldKind = kind) => {
    setShown({ text: next, kind: nextKind });
    field.onChange(next);
  };

  const switchTo = (to: FieldKind) => {
    if (to === kind) return;
    focusAfterMenu.current = to;
    write(convertValue(text, to), to);
  };

  // Leaving the field settles its kind: text typed as fixed that holds <+…> is an expression,
  // and expression text without <+ is wrapped in one.
  const onBlur = () => {
    if (kind === "expression" && text.trim() !== "" && !text.includes("<+")) write(`<+${text.trim()}>`);
    else if (kind === "fixed" && kindOf(text) !== "fixed") setShown({ text, kind: kindOf(text) });
    field.onBlur();
  };

  const error = fieldState.error?.message;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const noteId = `${id}-note`;
  const parsed = kind === "runtime" ? parseFieldValue(text) : undefined;
  const note =
    kind === "runtime" && parsed?.ok && parsed.value.kind === "runtime"
      ? describeRuntimeInput(parsed.value.input)
      : kind === "expression" && text.trim() !== "" && !text.includes("<+")
        ? "An expression looks like <+pipeline.variables.namespace>; this text is wrapped in <+ > when you leave the field."
        : undefined;
  const describedBy = [errorId, note ? noteId : undefined, hintId].filter(Boolean).join(" ") || undefined;
  const a11y = { id, "aria-invalid": Boolean(error), "aria-describedby": describedBy };

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
        {required && (
          <span className="text-danger" aria-hidden>
            {" "}
            *
          </span>
        )}
      </label>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          {kind === "fixed" &&
            (renderFixed ? (
              renderFixed({ ...a11y, value: text, onChange: (v) => write(v), onBlur, disabled })
            ) : (
              <Input
                {...a11y}
                ref={inputRef}
                name={fieldName}
                value={text}
                onChange={(e) => write(e.target.value)}
                onBlur={onBlur}
                disabled={disabled}
                placeholder={placeholder}
                autoComplete="off"
              />
            ))}
          {kind === "expression" && (
            <Input
              {...a11y}
              ref={inputRef}
              name={fieldName}
              value={text}
              onChange={(e) => write(e.target.value)}
              onBlur={onBlur}
              disabled={disabled}
              placeholder={expressionPlaceholder}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
          )}
          {kind === "runtime" && (
            <div className="flex gap-2">
              <Input
                {...a11y}
                ref={inputRef}
                name={fieldName}
                value={text}
                readOnly
                className="bg-surface-2 font-mono text-xs"
              />
              <Button
                ref={editRef}
                id={`${id}-edit`}
                onClick={() => setEditing(true)}
                disabled={disabled}
                aria-label={`Edit runtime input for ${label}`}
              >
                Edit
              </Button>
            </div>
          )}
        </div>
        <Menu.Root modal={false}>
          <Menu.Trigger asChild disabled={disabled}>
            <Button
              className="w-24 shrink-0 justify-between px-2.5 text-xs"
              // How the menu was opened decides where focus goes, by what the user pressed: not by
              // Radix's guess, which a synthetic pointer move (a scroll under the cursor) can flip.
              onKeyDown={(e) => {
                if (["Enter", " ", "ArrowDown", "ArrowUp"].includes(e.key)) openedByKeyboard.current = true;
              }}
              onPointerDown={() => {
                openedByKeyboard.current = false;
              }}
              aria-label={`Value type for ${label}: ${KIND_LABELS[kind]}`}
              title={`Value type: ${KIND_LABELS[kind]}`}
            >
              <span className={cn(kind !== "fixed" && "font-mono text-accent")}>{KIND_SHORT[kind]}</span>
              <span aria-hidden className="text-muted">
                ▾
              </span>
            </Button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content
              align="end"
              sideOffset={4}
              className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 shadow-lg"
              // Named by its heading ("Value type for Namespace"), not by the trigger's current value.
              aria-labelledby={`${id}-menu`}
              onFocus={(e) => {
                // Opened from the keyboard, focus goes to the checked item: where the user is, as
                // in a select. (Opened with the mouse, focus stays on the menu.)
                const menu = e.currentTarget;
                if (e.target !== menu || !openedByKeyboard.current) return;
                queueMicrotask(() => {
                  if (!menu.contains(document.activeElement)) return;
                  menu.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]')?.focus();
                });
              }}
              onCloseAutoFocus={(e) => {
                const to = focusAfterMenu.current;
                if (!to) return;
                focusAfterMenu.current = null;
                e.preventDefault();
                // The new control renders with the menu's close; focus it once it is there.
                requestAnimationFrame(() =>
                  (to === "runtime" ? editRef.current : document.getElementById(id))?.focus(),
                );
              }}
            >
              <Menu.Label id={`${id}-menu`} className="px-2 py-1 text-xs font-medium text-muted">
                Value type for {label}
              </Menu.Label>
              <Menu.RadioGroup value={kind} onValueChange={(v) => switchTo(v as FieldKind)}>
                {/* WAI-ARIA menu: menuitemradio with aria-checked, named by the kind alone (the
                    check mark is decoration), the help text as its description. */}
                {(Object.keys(KIND_LABELS) as FieldKind[]).map((k) => (
                  <Menu.RadioItem
                    key={k}
                    value={k}
                    aria-labelledby={`${id}-kind-${k}`}
                    aria-describedby={`${id}-kind-${k}-help`}
                    className="relative flex cursor-default select-none flex-col rounded px-2 py-1.5 pl-7 text-sm outline-none data-[highlighted]:bg-surface-2"
                  >
                    <Menu.ItemIndicator aria-hidden className="absolute left-2 top-1.5">
                      ✓
                    </Menu.ItemIndicator>
                    <span id={`${id}-kind-${k}`}>{KIND_LABELS[k]}</span>
                    <span id={`${id}-kind-${k}-help`} className="text-xs text-muted">
                      {KIND_HELP[k]}
                    </span>
                  </Menu.RadioItem>
                ))}
              </Menu.RadioGroup>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      {note && (
        <p id={noteId} className="text-xs text-muted">
          {note}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {kind === "runtime" && (
        <RuntimeInputDialog
          open={editing}
          onOpenChange={setEditing}
          fieldLabel={label}
          value={text}
          onSave={(next) => {
            write(next, "runtime");
            setEditing(false);
            field.onBlur();
          }}
        />
      )}
    </div>
  );
}
