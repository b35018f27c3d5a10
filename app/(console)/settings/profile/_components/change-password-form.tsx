"use client";
import { useState } from "react";
import { z } from "zod";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { useChangePassword } from "@/components/identity/hooks";
import { PasswordField } from "@/components/identity/password-field";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/misc";
import { passwordSchema } from "@/lib/auth/schemas";
import { ApiError } from "@/lib/http/client";

const schema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { path: ["confirm"], message: "The passwords do not match" })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });

const EMPTY = { currentPassword: "", newPassword: "", confirm: "" };

/** better-auth answers a wrong current password with 400 "Invalid password". */
const wrongCurrent = (err: unknown) =>
  err instanceof ApiError && (err.status === 400 || err.status === 401) && /invalid password/i.test(err.message);

export function ChangePasswordForm() {
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const { form, submit, alerts } = useResourceForm({
    schema,
    defaultValues: EMPTY,
    fields: ["currentPassword", "newPassword", "confirm"],
  });
  const save = submit(async ({ currentPassword, newPassword }) => {
    setDone(false);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
    } catch (err) {
      if (!wrongCurrent(err)) throw err;
      form.setError("currentPassword", { message: "This is not your current password" }, { shouldFocus: true });
      return;
    } finally {
      change.reset();
    }
    form.reset(EMPTY);
    setDone(true);
  });

  return (
    <Card>
      <h2 className="text-base font-semibold">Change password</h2>
      <p className="mt-1 text-sm text-muted">
        Changing it signs you out everywhere else; this browser stays signed in. If you sign in with single sign-on,
        your password is managed by your identity provider instead.
      </p>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Change password" className="mt-4 flex flex-col gap-4">
        {done && (
          <Alert tone="success">
            Password changed. Your other sessions were signed out; sign in there again with the new password.
          </Alert>
        )}
        {alerts}
        <PasswordField form={form} name="currentPassword" label="Current password" autoComplete="current-password" />
        <PasswordField
          form={form}
          name="newPassword"
          label="New password"
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <PasswordField form={form} name="confirm" label="Confirm new password" autoComplete="new-password" />
        <div>
          <Button type="submit" variant="primary" loading={form.formState.isSubmitting}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
