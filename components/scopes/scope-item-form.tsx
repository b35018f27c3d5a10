"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { deriveIdentifier } from "@/lib/common/schemas";
import { ApiError, errorMessage } from "@/lib/http/client";
import { organizationCreateSchema, type OrganizationCreate } from "@/lib/scopes/schemas";

/** Create/edit form for an organization or a project (same fields). */
export function ScopeItemForm({
  kind,
  initial,
  onSubmit,
  onCancel,
}: {
  kind: "organization" | "project";
  initial?: OrganizationCreate;
  onSubmit: (input: OrganizationCreate) => Promise<unknown>;
  onCancel: () => void;
}) {
  const editing = Boolean(initial);
  const [formError, setFormError] = useState<string>();
  const [identifierTouched, setIdentifierTouched] = useState(editing);
  const form = useForm<z.input<typeof organizationCreateSchema>, unknown, OrganizationCreate>({
    resolver: zodResolver(organizationCreateSchema),
    // Only the editable fields: the DTO's version/counts are not part of this contract.
    defaultValues: initial
      ? { name: initial.name, identifier: initial.identifier, description: initial.description }
      : { name: "", identifier: "", description: "" },
  });
  const { register, handleSubmit, setValue, formState, setError } = form;
  const nameField = register("name", {
    onChange: (e) => {
      if (!identifierTouched)
        setValue("identifier", deriveIdentifier(e.target.value), { shouldValidate: formState.isSubmitted });
    },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await onSubmit(values);
    } catch (err) {
      if (err instanceof ApiError && err.problem.fieldErrors) {
        for (const [field, messages] of Object.entries(err.problem.fieldErrors)) {
          if (field === "name" || field === "identifier" || field === "description")
            setError(field, { message: messages.join(" ") });
        }
      }
      setFormError(errorMessage(err));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {formError && <Alert>{formError}</Alert>}
      <Field label="Name" required error={formState.errors.name?.message}>
        {(a) => <Input {...a} {...nameField} autoFocus />}
      </Field>
      <Field
        label="Identifier"
        required
        error={formState.errors.identifier?.message}
        hint={
          editing
            ? "The identifier cannot change once created."
            : `Derived from the name; used in URLs and YAML to refer to this ${kind}.`
        }
      >
        {(a) => (
          <Input
            {...a}
            {...register("identifier", { onChange: () => setIdentifierTouched(true) })}
            readOnly={editing}
            className="font-mono"
          />
        )}
      </Field>
      <Field label="Description" error={formState.errors.description?.message}>
        {(a) => <Textarea {...a} {...register("description")} rows={2} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {editing ? "Save changes" : `Create ${kind}`}
        </Button>
      </div>
    </form>
  );
}
