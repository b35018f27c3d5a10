"use client";
import { useId } from "react";
import { Controller, useWatch } from "react-hook-form";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useUpdateSecret } from "@/lib/secrets/hooks";
import { secretUpdateSchema, type SecretDto } from "@/lib/secrets/schemas";
import { SecretDialog, useLatestSecret, type SecretDialogProps, type SecretFormProps } from "./secret-dialog";
import { TagsEditor } from "./tags-editor";
import { FormActions } from "@/components/ui/form-actions";

const FIELDS = ["name", "description", "tags"] as const;
const toValues = ({ name, description, tags, version }: SecretDto) => ({ name, description, tags, version });

/** Flattens react-hook-form's nested errors for a record field ("tags.some key") into messages. */
function messagesOf(err: unknown): string[] {
  if (!err || typeof err !== "object") return [];
  const own = "message" in err && typeof err.message === "string" ? [err.message] : [];
  return [
    ...own,
    ...Object.entries(err).flatMap(([k, v]) => (k === "ref" || k === "message" || k === "type" ? [] : messagesOf(v))),
  ];
}

export function EditSecretDialog(props: SecretDialogProps) {
  return (
    <SecretDialog
      {...props}
      title="Edit secret"
      description="Name, description and tags. The value stays as it is."
      Form={EditSecretForm}
    />
  );
}

function EditSecretForm({ secret, scope, onDone, onSaved }: SecretFormProps) {
  const update = useUpdateSecret(scope);
  const { form, submit, alerts } = useResourceForm({
    schema: secretUpdateSchema,
    defaultValues: toValues(secret),
    fields: FIELDS,
    reload: { what: "secret", latest: useLatestSecret(scope, secret.identifier), toValues },
  });
  const { register, formState, control } = form;
  // The rows are the editor's own state: a reloaded copy starts a fresh editor.
  const version = useWatch({ control, name: "version" });

  const save = submit(async (values) => {
    await update.mutateAsync({ identifier: secret.identifier, input: values });
    onDone();
    onSaved?.(`Saved changes to ${values.name}.`);
  });
  const tagErrors = messagesOf(formState.errors.tags);
  const tagErrorId = useId();

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-4">
      {alerts}
      <Field label="Name" required error={formState.errors.name?.message}>
        {(a) => <Input {...a} {...register("name")} autoFocus autoComplete="off" />}
      </Field>
      <Field label="Identifier" hint="The identifier cannot change once created.">
        {(a) => <Input {...a} value={secret.identifier} readOnly className="bg-surface-2 font-mono text-muted" />}
      </Field>
      <Field label="Description" error={formState.errors.description?.message}>
        {(a) => <Textarea {...a} {...register("description")} rows={2} />}
      </Field>
      <Controller
        control={control}
        name="tags"
        render={({ field }) => (
          <TagsEditor
            key={version}
            value={field.value ?? {}}
            onChange={field.onChange}
            invalid={tagErrors.length > 0}
            describedBy={tagErrors.length ? tagErrorId : undefined}
          />
        )}
      />
      {tagErrors.length > 0 && (
        <p id={tagErrorId} role="alert" className="-mt-2 text-sm text-danger">
          {[...new Set(tagErrors)].join(" ")}
        </p>
      )}
      <FormActions onCancel={onDone} pending={formState.isSubmitting} submitLabel="Save changes" />
    </form>
  );
}
