"use client";
import type { ReactNode } from "react";
import { MultiTypeInput, type FixedControlProps } from "@/components/forms/multi-type-input";
import type { MultiTypePath } from "@/lib/infrastructures/schemas";
import { useInfraForm } from "./form-model";

/** One multi-type field of the definition form (fixed / runtime input / expression). */
export function SpecField({
  name,
  label,
  hint,
  required,
  placeholder,
  renderFixed,
}: {
  name: MultiTypePath;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
  renderFixed?: (props: FixedControlProps) => ReactNode;
}) {
  const { control } = useInfraForm();
  return (
    <MultiTypeInput
      control={control}
      name={name}
      label={label}
      hint={hint}
      required={required}
      placeholder={placeholder}
      renderFixed={renderFixed}
    />
  );
}
