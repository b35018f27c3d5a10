"use client";
import { Controller, get, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import { TagsField } from "@/components/forms/tags-field";
import { Field, Textarea } from "@/components/ui/field";

/** Description and tags, as every resource form ends its overview. Two fields, no wrapper. */
export function DescriptionTagsFields<T extends FieldValues & { description?: string; tags?: Record<string, string> }>({
  form,
  placeholder,
  tagsHint = "Type key:value (or just a key) and press Enter.",
  className,
}: {
  form: Pick<UseFormReturn<T, unknown, unknown>, "register" | "control" | "formState">;
  placeholder?: string;
  tagsHint?: string;
  /** For each field, e.g. to span a grid's columns. */
  className?: string;
}) {
  const { register, control, formState } = form;
  const description = "description" as Path<T>;
  const tags = "tags" as Path<T>;
  return (
    <>
      <Field label="Description" error={firstMessage(get(formState.errors, description))} className={className}>
        {(a) => <Textarea {...a} {...register(description)} rows={2} placeholder={placeholder} />}
      </Field>
      <Field label="Tags" error={firstMessage(get(formState.errors, tags))} hint={tagsHint} className={className}>
        {(a) => (
          <Controller
            control={control}
            name={tags}
            render={({ field }) => (
              <TagsField {...a} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
            )}
          />
        )}
      </Field>
    </>
  );
}
