"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { RadioCards } from "@/components/connectors/radio-cards";
import { ReloadLatestAlert, isVersionConflict } from "@/components/forms/version-conflict";
import { firstMessage } from "@/components/forms/form-values";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { TagsField } from "@/components/forms/tags-field";
import { applyProblem } from "@/components/secrets/problem-fields";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { useCreateEnvironment, useEnvironment, useUpdateEnvironment } from "@/lib/environments/hooks";
import {
  ENVIRONMENT_TYPES,
  ENVIRONMENT_TYPE_LABELS,
  environmentInputSchema,
  type EnvironmentDto,
  type EnvironmentFormValues,
  type EnvironmentInput,
} from "@/lib/environments/schemas";
import type { ScopeRef } from "@/lib/scope";

const FIELDS = ["name", "identifier", "description", "tags", "type"] as const;
const TYPE_TEXT = {
  Production: "Live traffic. Pipelines can require approvals before deploying here.",
  PreProduction: "Development, QA and staging: everything before production.",
} as const;

/** Create (environment null) or edit one environment of the current project. */
export function EnvironmentDialog({
  open,
  environment,
  scope,
  onClose,
  onSaved,
}: {
  open: boolean;
  environment: EnvironmentDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved: (dto: EnvironmentDto, created: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !o && onClose()}
      title={environment ? `Edit ${environment.environment.name}` : "New environment"}
      description="An environment groups the infrastructure definitions a stage of your delivery deploys to."
    >
      {open && (
        <EnvironmentForm
          key={environment?.environment.identifier ?? "new"}
          environment={environment}
          scope={scope}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Dialog>
  );
}

function toValues(dto: EnvironmentDto | null): EnvironmentFormValues {
  if (!dto) return { name: "", identifier: "", description: "", tags: {}, type: "PreProduction" };
  const { name, identifier, description, tags, type } = dto.environment;
  return { name, identifier, description, tags, type };
}

function EnvironmentForm({
  environment,
  scope,
  onClose,
  onSaved,
}: {
  environment: EnvironmentDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved: (dto: EnvironmentDto, created: boolean) => void;
}) {
  const [current, setCurrent] = useState(environment);
  const editing = current !== null;
  const create = useCreateEnvironment(scope);
  const update = useUpdateEnvironment(scope);
  // Used only to load the newest copy after a version conflict.
  const latest = useEnvironment(scope, current?.environment.identifier ?? "");
  const [identifierTouched, setIdentifierTouched] = useState(editing);
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const form = useForm<EnvironmentFormValues, unknown, EnvironmentInput>({
    resolver: zodResolver(environmentInputSchema),
    defaultValues: toValues(environment),
  });
  const { register, control, formState, handleSubmit, setError } = form;
  const { errors } = formState;

  const submit = handleSubmit(async (input) => {
    setFormError(undefined);
    try {
      const dto = current
        ? await update.mutateAsync({ identifier: current.environment.identifier, input, version: current.version })
        : await create.mutateAsync(input);
      onSaved(dto, !current);
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      setFormError(applyProblem(err, setError, FIELDS));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4">
      {conflict && current && (
        <ReloadLatestAlert
          what="environment"
          latest={latest}
          onError={setFormError}
          onLoaded={(dto) => {
            setCurrent(dto);
            form.reset(toValues(dto));
            setConflict(false);
          }}
        />
      )}
      {formError && <Alert>{formError}</Alert>}
      <NameIdentifierFields
        form={form}
        locked={editing}
        touched={identifierTouched}
        onTouched={() => setIdentifierTouched(true)}
        autoFocus
        namePlaceholder="Staging"
        identifierHint={
          editing
            ? "The identifier cannot change once the environment exists."
            : "Derived from the name. Pipelines refer to the environment by it."
        }
      />
      <Controller
        control={control}
        name="type"
        render={({ field }) => (
          <RadioCards
            legend="Environment type"
            name="environment-type"
            value={field.value}
            onChange={field.onChange}
            error={errors.type?.message}
            options={ENVIRONMENT_TYPES.map((t) => ({
              value: t,
              label: ENVIRONMENT_TYPE_LABELS[t],
              description: TYPE_TEXT[t],
            }))}
          />
        )}
      />
      <Field label="Description" error={errors.description?.message}>
        {(a) => (
          <Textarea {...a} {...register("description")} rows={2} placeholder="What deploys here and who owns it" />
        )}
      </Field>
      <Field label="Tags" error={firstMessage(errors.tags)} hint="Type key:value (or just a key) and press Enter.">
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
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : "Create environment"}
        </Button>
      </div>
    </form>
  );
}
