"use client";
import { Controller } from "react-hook-form";
import { DescriptionTagsFields } from "@/components/forms/description-tags-fields";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { Field, Select } from "@/components/ui/field";
import { useEnvironments } from "@/lib/environments/hooks";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import type { ScopeRef } from "@/lib/scope";
import { errorAt, useInfraForm } from "../form-model";
import { FormSection } from "./form-section";

/** Name, identifier (follows the name until typed in; fixed once saved), description, tags, environment. */
export function OverviewSection({ scope, editing }: { scope: ScopeRef; editing: boolean }) {
  const form = useInfraForm();
  const { control, formState } = form;
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
        <DescriptionTagsFields
          form={form}
          placeholder="Which cluster and namespace this is, and who owns it"
          className="lg:col-span-2"
        />
      </div>
    </FormSection>
  );
}
