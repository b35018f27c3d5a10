"use client";
// Kept apart from use-resource-form.tsx (zod's resolver, the conflict dialog) so a form that
// only needs this hook, such as the connector wizard's first step, loads nothing more with it.
import { useEffect } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

/** Re-validates a field with an error whenever its value changes. */
export function useRecheckErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>, enabled = true) {
  const { subscribe, trigger, getFieldState } = form;
  useEffect(() => {
    if (!enabled) return;
    return subscribe({
      formState: { values: true },
      callback: ({ name }) => {
        if (name && getFieldState(name as Path<T>).error) void trigger(name as Path<T>);
      },
    });
  }, [enabled, subscribe, trigger, getFieldState]);
}
