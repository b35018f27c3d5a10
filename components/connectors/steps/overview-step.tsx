"use client";
import { Controller } from "react-hook-form";
import { Field, Input, Textarea } from "@/components/ui/field";
import { TagInput } from "@/components/ui/tag-input";
import { deriveIdentifier } from "@/lib/common/schemas";
import { errorAt, itemToTag, itemsToTags, tagsToItems, useWizardForm } from "../wizard-model";

/**
 * Name, identifier, description, tags. The identifier follows the name until the user types in
 * it; once the connector exists it is read-only (identifiers are immutable).
 */
export function OverviewStep({
  identifierLocked,
  identifierTouched,
  onIdentifierTouched,
}: {
  identifierLocked: boolean;
  identifierTouched: boolean;
  onIdentifierTouched: () => void;
}) {
  const { register, setValue, control, formState } = useWizardForm();
  const { errors } = formState;
  const nameField = register("name", {
    onChange: (e: { target: { value: string } }) => {
      if (!identifierLocked && !identifierTouched) {
        setValue("identifier", deriveIdentifier(e.target.value), { shouldValidate: Boolean(errors.identifier) });
      }
    },
  });

  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <Field label="Name" required error={errorAt(errors, "name")}>
        {(a) => <Input {...a} {...nameField} autoComplete="off" placeholder="Production us-east-1" />}
      </Field>
      <Field
        label="Identifier"
        required
        error={errorAt(errors, "identifier")}
        hint={
          identifierLocked
            ? "The identifier cannot change once the connector exists."
            : "Derived from the name. Pipelines and infrastructure definitions refer to the connector by it."
        }
      >
        {(a) => (
          <Input
            {...a}
            {...register("identifier", { onChange: onIdentifierTouched })}
            readOnly={identifierLocked}
            autoComplete="off"
            spellCheck={false}
            className="font-mono read-only:bg-surface-2 read-only:text-muted"
          />
        )}
      </Field>
      <Field label="Description" error={errorAt(errors, "description")} className="lg:col-span-2">
        {(a) => <Textarea {...a} {...register("description")} rows={2} placeholder="What this connector is for and who owns it" />}
      </Field>
      <Field
        label="Tags"
        error={errorAt(errors, "tags")}
        hint="Type key:value (or just a key) and press Enter. Backspace in the empty box removes the last tag."
        className="lg:col-span-2"
      >
        {(a) => (
          <Controller
            control={control}
            name="tags"
            render={({ field }) => (
              <TagInput
                {...a}
                value={tagsToItems(field.value)}
                onChange={(items) => field.onChange(itemsToTags(items))}
                onBlur={field.onBlur}
                itemLabel="tag"
                placeholder="Add a tag, e.g. team:platform"
                normalize={(s) => {
                  const [k, v] = itemToTag(s);
                  return v ? `${k}:${v}` : k;
                }}
                validate={(item, existing) => {
                  const [key] = itemToTag(item);
                  if (!key) return "A tag needs a key before the colon";
                  if (/\s/.test(key)) return "Tag keys cannot contain spaces";
                  if (key.length > 128) return "Tag keys have at most 128 characters";
                  if (existing.some((e) => itemToTag(e)[0] === key)) return `A tag "${key}" is already set; remove it first to change its value`;
                  return undefined;
                }}
              />
            )}
          />
        )}
      </Field>
    </div>
  );
}
