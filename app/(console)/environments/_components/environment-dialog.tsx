"use client";
import { DescriptionTagsFields } from "@/components/forms/description-tags-fields";
import { OVERVIEW_FIELDS } from "@/components/forms/form-values";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { RadioCardsField } from "@/components/forms/radio-cards-field";
import { ResourceDialog, type ResourceFormProps } from "@/components/forms/resource-dialog";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { useCreateEnvironment, useEnvironment, useUpdateEnvironment } from "@/lib/environments/hooks";
import {
  ENVIRONMENT_TYPES,
  ENVIRONMENT_TYPE_LABELS,
  environmentInputSchema,
  type EnvironmentDto,
  type EnvironmentFormValues,
} from "@/lib/environments/schemas";
import { FormActions } from "@/components/ui/form-actions";

const FIELDS = [...OVERVIEW_FIELDS, "type"] as const;
const TYPE_TEXT = {
  Production: "Live traffic. Pipelines can require approvals before deploying here.",
  PreProduction: "Development, QA and staging: everything before production.",
} as const;

/** Create (item null) or edit one environment of the current project. */
export function EnvironmentDialog(props: ResourceFormProps<EnvironmentDto> & { open: boolean }) {
  return (
    <ResourceDialog
      {...props}
      title={props.item ? `Edit ${props.item.environment.name}` : "New environment"}
      description="An environment groups the infrastructure definitions a stage of your delivery deploys to."
      itemKey={(dto) => dto.environment.identifier}
      Form={EnvironmentForm}
    />
  );
}

function toValues(dto: EnvironmentDto | null): EnvironmentFormValues {
  if (!dto) return { name: "", identifier: "", description: "", tags: {}, type: "PreProduction" };
  const { name, identifier, description, tags, type } = dto.environment;
  return { name, identifier, description, tags, type };
}

function EnvironmentForm({ item: environment, scope, onClose, onSaved }: ResourceFormProps<EnvironmentDto>) {
  const create = useCreateEnvironment(scope);
  const update = useUpdateEnvironment(scope);
  const { form, item, submit, alerts } = useResourceForm({
    schema: environmentInputSchema,
    item: environment,
    defaultValues: toValues(environment),
    fields: FIELDS,
    reload: {
      what: "environment",
      // Read only after a version conflict, to load the newest saved copy.
      latest: useEnvironment(scope, environment?.environment.identifier ?? ""),
      toValues,
    },
  });
  const editing = item !== null;

  const save = submit(async (input) => {
    const dto = item
      ? await update.mutateAsync({ identifier: item.environment.identifier, input, version: item.version })
      : await create.mutateAsync(input);
    onSaved(dto, !item);
  });

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-4">
      {alerts}
      <NameIdentifierFields
        form={form}
        locked={editing}
        autoFocus
        namePlaceholder="Staging"
        identifierHint={
          editing
            ? "The identifier cannot change once the environment exists."
            : "Derived from the name. Pipelines refer to the environment by it."
        }
      />
      <RadioCardsField
        control={form.control}
        name="type"
        legend="Environment type"
        radioName="environment-type"
        options={ENVIRONMENT_TYPES.map((t) => ({
          value: t,
          label: ENVIRONMENT_TYPE_LABELS[t],
          description: TYPE_TEXT[t],
        }))}
      />
      <DescriptionTagsFields form={form} placeholder="What deploys here and who owns it" />
      <FormActions
        onCancel={onClose}
        pending={form.formState.isSubmitting}
        submitLabel={editing ? "Save changes" : "Create environment"}
      />
    </form>
  );
}
