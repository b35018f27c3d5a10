"use client";
import { get, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import { Field, Input } from "@/components/ui/field";

/** A labelled text input registered on a form field, showing that field's error. */
export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  required,
  placeholder,
  code,
  className,
}: {
  form: Pick<UseFormReturn<T, unknown, unknown>, "register" | "formState">;
  name: Path<T>;
  label: string;
  hint?: string;
  required?: boolean;
  placeholder?: string;
  /** Identifiers, ARNs, URLs: monospace, and the browser neither completes nor spell-checks them. */
  code?: boolean;
  className?: string;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      required={required}
      error={firstMessage(get(form.formState.errors, name))}
      className={className}
    >
      {(a) => (
        <Input
          {...a}
          {...form.register(name)}
          placeholder={placeholder}
          {...(code && { autoComplete: "off", spellCheck: false, className: "font-mono" })}
        />
      )}
    </Field>
  );
}
