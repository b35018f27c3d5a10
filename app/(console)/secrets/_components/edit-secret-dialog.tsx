"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { applyProblem } from "@/components/secrets/problem-fields";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import type { ScopeRef } from "@/lib/scope";
import { useUpdateSecret } from "@/lib/secrets/hooks";
import { secretUpdateSchema, type SecretDto, type SecretUpdate } from "@/lib/secrets/schemas";
import { TagsEditor } from "./tags-editor";

const FIELDS = ["name", "description", "tags"] as const;

/** Flattens react-hook-form's nested errors for a record field ("tags.some key") into messages. */
function messagesOf(err: unknown): string[] {
  if (!err || typeof err !== "object") return [];
  const own = "message" in err && typeof err.message === "string" ? [err.message] : [];
  return [
    ...own,
    ...Object.entries(err).flatMap(([k, v]) => (k === "ref" || k === "message" || k === "type" ? [] : messagesOf(v))),
  ];
}

export function EditSecretDialog({
  secret,
  scope,
  onClose,
  onSaved,
}: {
  secret: SecretDto | null;
  scope: ScopeRef;
  onClose: () => void;
  onSaved?: (message: string) => void;
}) {
  return (
    <Dialog
      open={secret !== null}
      onOpenChange={(o) => !o && onClose()}
      title="Edit secret"
      description="Name, description and tags. The value stays as it is."
    >
      {secret && <EditSecretForm secret={secret} scope={scope} onDone={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditSecretForm({
  secret,
  scope,
  onDone,
  onSaved,
}: {
  secret: SecretDto;
  scope: ScopeRef;
  onDone: () => void;
  onSaved?: (message: string) => void;
}) {
  const update = useUpdateSecret(scope);
  const [formError, setFormError] = useState<string>();
  const form = useForm<z.input<typeof secretUpdateSchema>, unknown, SecretUpdate>({
    resolver: zodResolver(secretUpdateSchema),
    defaultValues: { name: secret.name, description: secret.description, tags: secret.tags, version: secret.version },
  });
  const { register, handleSubmit, setError, formState, control } = form;

  const submit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await update.mutateAsync({ identifier: secret.identifier, input: values });
      onDone();
      onSaved?.(`Saved changes to ${values.name}.`);
    } catch (err) {
      setFormError(applyProblem(err, setError, FIELDS));
    }
  });
  const tagErrors = messagesOf(formState.errors.tags);
  const tagErrorId = useId();

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {formError && <Alert>{formError}</Alert>}
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
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
