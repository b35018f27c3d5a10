"use client";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { Dialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import { deriveIdentifier } from "@/lib/common/identifier";
import type { ScopeRef } from "@/lib/scope";
import { useCreateSecret } from "@/lib/secrets/hooks";
import { secretCreateSchema, type SecretDto } from "@/lib/secrets/schemas";
import { describeScope } from "./scope-label";
import { SecretValueInput } from "./secret-value-input";
import { FormActions } from "@/components/ui/form-actions";

export interface CreateSecretDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where the secret is created. */
  scope: ScopeRef;
  onCreated?: (secret: SecretDto) => void;
  /** Prefills the name (and the identifier derived from it). */
  defaultName?: string;
}

/** Creates a text secret. Self-contained, so other forms can open it next to a secret picker. */
export function CreateSecretDialog({ open, onOpenChange, scope, onCreated, defaultName }: CreateSecretDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="New secret"
      description={`Stored encrypted in ${describeScope(scope)}. Once saved, the value can be replaced but never read back.`}
    >
      {/* Mounted only while open, so every opening starts from an empty form. */}
      {open && (
        <CreateSecretForm
          scope={scope}
          defaultName={defaultName}
          onCancel={() => onOpenChange(false)}
          onCreated={(secret) => {
            onOpenChange(false);
            onCreated?.(secret);
          }}
        />
      )}
    </Dialog>
  );
}

const FIELDS = ["name", "identifier", "value", "description"] as const;

function CreateSecretForm({
  scope,
  defaultName = "",
  onCancel,
  onCreated,
}: {
  scope: ScopeRef;
  defaultName?: string;
  onCancel: () => void;
  onCreated: (s: SecretDto) => void;
}) {
  const create = useCreateSecret(scope);
  const { form, submit, alerts } = useResourceForm({
    schema: secretCreateSchema,
    defaultValues: { name: defaultName, identifier: deriveIdentifier(defaultName), description: "", value: "" },
    fields: FIELDS,
  });
  const { register, formState } = form;

  const save = submit(async (values) => {
    // Drop the submitted value from the mutation cache as soon as the answer is in.
    const secret = await create.mutateAsync(values).finally(() => create.reset());
    onCreated(secret);
  });

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      aria-label="New secret"
      // The dialog is portalled, but React events still bubble to a form around the picker that
      // opened it (e.g. the connector wizard): keep this submit to ourselves.
      onSubmit={(e) => {
        e.stopPropagation();
        void save(e);
      }}
    >
      {alerts}
      <NameIdentifierFields
        form={form}
        locked={false}
        autoFocus
        identifierHint="Derived from the name. Connectors refer to the secret by it; it cannot change later."
      />
      <Field
        label="Value"
        required
        error={formState.errors.value?.message}
        hint="Write-only: encrypted at rest and never shown again."
      >
        {(a) => <SecretValueInput {...a} {...register("value")} />}
      </Field>
      <Field label="Description" error={formState.errors.description?.message}>
        {(a) => <Textarea {...a} {...register("description")} rows={2} />}
      </Field>
      <FormActions onCancel={onCancel} pending={formState.isSubmitting} submitLabel="Create secret" />
    </form>
  );
}
