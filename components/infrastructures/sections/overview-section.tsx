"use client";
import { Controller } from "react-hook-form";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { TagsField } from "@/components/forms/tags-field";
import { Field, Select, Textarea } from "@/components/ui/field";
import { useEnvironments } from "@/lib/environments/hooks";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import type { ScopeRef } from "@/lib/scope";
import { errorAt, useInfraForm } from "../form-model";
import { FormSection } from "./form-section";

/** Name, identifier (follows the name until typed in; fixed once saved), description, tags, environment. */
export function OverviewSection({
  scope,
  editing,
  identifierTouched,
  onIdentifierTouched,
}: {
  scope: ScopeRef;
  editing: boolean;
  identifierTouched: boolean;
  onIdentifierTouched: () => void;
}) {
  const form = useInfraForm();
  const { register, control, formState } = form;
  const { errors } = formState;
  const environments = useEnvironments(scope);

  return (
    <FormSection
      id="overview"
      title="Overview"
      description="How people and pipelines find this infrastructure definition."
    >
      <div className="grid gap-5 lg:grid-cols-2">
        <NameIdentifierFields
          form={form}
          locked={editing}
          touched={identifierTouched}
          onTouched={onIdentifierTouched}
          namePlaceholder="EKS staging"
          identifierHint={
            editing
              ? "The identifier cannot change once the definition exists."
              : "Derived from the name; unique within the environment."
          }
        />
        <Field
          label="Environment"
          required
          error={errorAt(errors, "environmentRef")}
          hint={editing ? "A definition stays in the environment it was created in." : undefined}
        >
          {(a) => (
            // Controlled: the options arrive after the value, and the select must show it then.
            <Controller
              control={control}
              name="environmentRef"
              render={({ field }) => (
                <Select {...a} {...field} value={field.value ?? ""} disabled={editing || environments.isPending}>
                  <option value="">{environments.isPending ? "Loading environments…" : "Choose an environment"}</option>
                  {environments.data?.items.map((e) => (
                    <option key={e.environment.identifier} value={e.environment.identifier}>
                      {e.environment.name} ({ENVIRONMENT_TYPE_LABELS[e.environment.type]})
                    </option>
                  ))}
                </Select>
              )}
            />
          )}
        </Field>
        <Field label="Description" error={errorAt(errors, "description")} className="lg:col-span-2">
          {(a) => (
            <Textarea
              {...a}
              {...register("description")}
              rows={2}
              placeholder="Which cluster and namespace this is, and who owns it"
            />
          )}
        </Field>
        <Field
          label="Tags"
          error={errorAt(errors, "tags")}
          hint="Type key:value (or just a key) and press Enter."
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
    </FormSection>
  );
}
