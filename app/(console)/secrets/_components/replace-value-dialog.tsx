"use client";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { SecretValueInput } from "@/components/secrets/secret-value-input";
import { Field } from "@/components/ui/field";
import { Time } from "@/components/ui/misc";
import { useUpdateSecret } from "@/lib/secrets/hooks";
import { secretCreateSchema } from "@/lib/secrets/schemas";
import { SecretDialog, useLatestSecret, type SecretDialogProps, type SecretFormProps } from "./secret-dialog";
import { FormActions } from "@/components/ui/form-actions";

// The value rule is the create contract's; the rest of the PUT body comes from the secret as listed.
const valueSchema = secretCreateSchema.pick({ value: true });

export function ReplaceValueDialog(props: SecretDialogProps) {
  return (
    <SecretDialog
      {...props}
      title={props.secret ? `Replace value of ${props.secret.name}` : "Replace value"}
      description="The new value takes effect for every connector that uses this secret, from their next call to AWS."
      Form={ReplaceValueForm}
    />
  );
}

function ReplaceValueForm({ secret, scope, onDone, onSaved }: SecretFormProps) {
  const update = useUpdateSecret(scope);
  const { form, item, submit, alerts } = useResourceForm({
    schema: valueSchema,
    item: secret,
    defaultValues: { value: "" },
    fields: ["value"],
    reload: {
      what: "secret",
      latest: useLatestSecret(scope, secret.identifier),
      toValues: () => ({ value: "" }),
    },
  });
  // The secret as last read: the PUT carries its other fields and its version.
  const current = item ?? secret;
  const { register, formState } = form;

  const save = submit(async ({ value }) => {
    const { identifier, name, description, tags, version } = current;
    // The mutation cache would otherwise keep the submitted value in memory.
    await update
      .mutateAsync({ identifier, input: { name, description, tags, value, version } })
      .finally(() => update.reset());
    onDone();
    onSaved?.(`Replaced the value of ${name}.`);
  });

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-4">
      {alerts}
      <p className="text-sm text-muted">
        <span className="font-mono text-fg">{current.identifier}</span> · current value set{" "}
        <Time iso={current.valueUpdatedAt} />
      </p>
      <Field
        label="New value"
        required
        error={formState.errors.value?.message}
        hint="The current value is overwritten and cannot be recovered."
      >
        {(a) => <SecretValueInput {...a} {...register("value")} autoFocus />}
      </Field>
      <FormActions onCancel={onDone} pending={formState.isSubmitting} submitLabel="Replace value" />
    </form>
  );
}
