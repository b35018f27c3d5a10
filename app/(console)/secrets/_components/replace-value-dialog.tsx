"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyProblem } from "@/components/secrets/problem-fields";
import { SecretValueInput } from "@/components/secrets/secret-value-input";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Alert, Time } from "@/components/ui/misc";
import type { ScopeRef } from "@/lib/scope";
import { useUpdateSecret } from "@/lib/secrets/hooks";
import { secretCreateSchema, type SecretDto } from "@/lib/secrets/schemas";

// The value rule is the create contract's; the rest of the PUT body comes from the secret as listed.
const valueSchema = secretCreateSchema.pick({ value: true });

export function ReplaceValueDialog({
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
      title={secret ? `Replace value of ${secret.name}` : "Replace value"}
      description="The new value takes effect for every connector that uses this secret, from their next call to AWS."
    >
      {secret && <ReplaceValueForm secret={secret} scope={scope} onDone={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function ReplaceValueForm({
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
  const { register, handleSubmit, setError, formState } = useForm<{ value: string }>({
    resolver: zodResolver(valueSchema),
    defaultValues: { value: "" },
  });

  const submit = handleSubmit(async ({ value }) => {
    setFormError(undefined);
    try {
      await update.mutateAsync({
        identifier: secret.identifier,
        input: {
          name: secret.name,
          description: secret.description,
          tags: secret.tags,
          value,
          version: secret.version,
        },
      });
      onDone();
      onSaved?.(`Replaced the value of ${secret.name}.`);
    } catch (err) {
      setFormError(applyProblem(err, setError, ["value"]));
    } finally {
      // The mutation cache would otherwise keep the submitted value in memory.
      update.reset();
    }
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {formError && <Alert>{formError}</Alert>}
      <p className="text-sm text-muted">
        <span className="font-mono text-fg">{secret.identifier}</span> · current value set{" "}
        <Time iso={secret.valueUpdatedAt} />
      </p>
      <Field
        label="New value"
        required
        error={formState.errors.value?.message}
        hint="The current value is overwritten and cannot be recovered."
      >
        {(a) => <SecretValueInput {...a} {...register("value")} autoFocus />}
      </Field>
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          Replace value
        </Button>
      </div>
    </form>
  );
}
