"use client";
import { Controller } from "react-hook-form";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { deriveIdentifier } from "@/lib/common/schemas";
import { useEnvironments } from "@/lib/environments/hooks";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environments/schemas";
import type { ScopeRef } from "@/lib/scopes/schemas";
import { TagsField } from "../tags-field";
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
  const { register, setValue, control, formState } = useInfraForm();
  const { errors } = formState;
  const environments = useEnvironments(scope);
  const nameField = register("name", {
    onChange: (e: { target: { value: string } }) => {
      if (!editing && !identifierTouched) setValue("identifier", deriveIdentifier(e.target.value), { shouldValidate: Boolean(errors.identifier) });
    },
  });

  return (
    <FormSection id="overview" title="Overview" description="How people and pipelines find this infrastructure definition.">
      <div className="grid gap-5 lg:grid-cols-2">
        <Field label="Name" required error={errorAt(errors, "name")}>
          {(a) => <Input {...a} {...nameField} autoComplete="off" placeholder="EKS staging" />}
        </Field>
        <Field
          label="Identifier"
          required
          error={errorAt(errors, "identifier")}
          hint={editing ? "The identifier cannot change once the definition exists." : "Derived from the name; unique within the environment."}
        >
          {(a) => (
            <Input
              {...a}
              {...register("identifier", { onChange: onIdentifierTouched })}
              readOnly={editing}
              autoComplete="off"
              spellCheck={false}
              className="font-mono read-only:bg-surface-2 read-only:text-muted"
            />
          )}
        </Field>
        <Field
          label="Environment"
          required
          error={errorAt(errors, "environmentRef")}
          hint={editing ? "A definition stays in the environment it was created in." : undefined}
        >
          {(a) => (
            <Select {...a} {...register("environmentRef")} disabled={editing || environments.isPending}>
              <option value="">{environments.isPending ? "Loading environments…" : "Choose an environment"}</option>
              {environments.data?.items.map((e) => (
                <option key={e.environment.identifier} value={e.environment.identifier}>
                  {e.environment.name} ({ENVIRONMENT_TYPE_LABELS[e.environment.type]})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Description" error={errorAt(errors, "description")} className="lg:col-span-2">
          {(a) => <Textarea {...a} {...register("description")} rows={2} placeholder="Which cluster and namespace this is, and who owns it" />}
        </Field>
        <Field label="Tags" error={errorAt(errors, "tags")} hint="Type key:value (or just a key) and press Enter." className="lg:col-span-2">
          {(a) => <Controller control={control} name="tags" render={({ field }) => <TagsField {...a} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />}
        </Field>
      </div>
    </FormSection>
  );
}
