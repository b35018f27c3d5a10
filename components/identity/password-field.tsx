"use client";
import { forwardRef, useState, type InputHTMLAttributes } from "react";
import { get, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import { Field, Input } from "@/components/ui/field";

/** A password box with a Show/Hide button (typing a long password blind is error-prone). */
export const PasswordInput = forwardRef<
  HTMLInputElement,
  Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { toggleLabel?: string }
>(function PasswordInput({ toggleLabel = "password", className, ...props }, ref) {
  const [shown, setShown] = useState(false);
  return (
    <div className="relative">
      <Input
        ref={ref}
        {...props}
        type={shown ? "text" : "password"}
        spellCheck={false}
        autoCapitalize="off"
        className={className ? `pr-16 ${className}` : "pr-16"}
      />
      <button
        type="button"
        onClick={() => setShown((v) => !v)}
        aria-pressed={shown}
        aria-label={`Show ${toggleLabel}`}
        className="absolute inset-y-1 right-1 rounded px-2 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
      >
        {shown ? "Hide" : "Show"}
      </button>
    </div>
  );
});

/** A labelled password field registered on a form field, showing that field's error. */
export function PasswordField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  autoComplete,
  autoFocus,
  required = true,
}: {
  form: Pick<UseFormReturn<T, unknown, unknown>, "register" | "formState">;
  name: Path<T>;
  label: string;
  hint?: string;
  autoComplete: "current-password" | "new-password";
  autoFocus?: boolean;
  required?: boolean;
}) {
  return (
    <Field label={label} hint={hint} required={required} error={firstMessage(get(form.formState.errors, name))}>
      {(a) => (
        <PasswordInput
          {...a}
          {...form.register(name)}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          toggleLabel={label.toLowerCase()}
        />
      )}
    </Field>
  );
}
