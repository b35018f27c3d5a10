"use client";
import { Controller } from "react-hook-form";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { TagsField } from "@/components/forms/tags-field";
import { Field, Textarea } from "@/components/ui/field";
import { errorAt, useWizardForm } from "../wizard-model";

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
  const form = useWizardForm();
  const { register, control, formState } = form;
  const { errors } = formState;

  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <NameIdentifierFields
        form={form}
        locked={identifierLocked}
        touched={identifierTouched}
        onTouched={onIdentifierTouched}
        namePlaceholder="Production us-east-1"
        identifierHint={
          identifierLocked
            ? "The identifier cannot change once the connector exists."
            : "Derived from the name. Pipelines and infrastructure definitions refer to the connector by it."
        }
      />
      <Field label="Description" error={errorAt(errors, "description")} className="lg:col-span-2">
        {(a) => (
          <Textarea
            {...a}
            {...register("description")}
            rows={2}
            placeholder="What this connector is for and who owns it"
          />
        )}
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
              <TagsField {...a} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
            )}
          />
        )}
      </Field>
    </div>
  );
}
