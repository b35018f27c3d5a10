"use client";
import { Controller, type Control, type FieldValues, type Path } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import { RadioCards, type RadioCardOption } from "@/components/ui/radio-cards";

/** RadioCards bound to a form field, showing the field's own error. */
export function RadioCardsField<T extends FieldValues, V extends string>({
  control,
  name,
  legend,
  radioName,
  options,
  fallback,
  onChange,
  columns,
}: {
  control: Control<T, unknown, unknown>;
  name: Path<T>;
  legend: string;
  /** The radios' `name` in the DOM. */
  radioName: string;
  options: readonly RadioCardOption<V>[];
  /** Shown as chosen while the field is empty. */
  fallback?: V;
  /** Instead of setting the field: for a choice that replaces more than its own value. */
  onChange?: (value: V) => void;
  columns?: 1 | 2 | 4;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <RadioCards
          legend={legend}
          name={radioName}
          value={(field.value as V | undefined) ?? fallback}
          onChange={onChange ?? field.onChange}
          error={firstMessage(fieldState.error)}
          options={options}
          columns={columns}
        />
      )}
    />
  );
}
