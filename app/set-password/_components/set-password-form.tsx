"use client";
import Link from "next/link";
import { useState } from "react";
import { z } from "zod";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { AuthCard } from "@/components/identity/auth-card";
import { PasswordField } from "@/components/identity/password-field";
import { Button } from "@/components/ui/button";
import { passwordSchema } from "@/lib/auth/schemas";
import { ApiError, apiFetch } from "@/lib/http/client";

const schema = z
  .object({ newPassword: passwordSchema, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ["confirm"], message: "The passwords do not match" });

function SetPasswordLinkInvalid({ announce }: { announce: boolean }) {
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p role={announce ? "alert" : undefined}>This set-password link cannot be used.</p>
      <p className="text-muted">
        A link works once and for a day after it was made, and it has to be copied whole. Ask an Account Admin for a new
        one: in Conduit, Settings → Access control → Users → New set-password link.
      </p>
      <Button asChild className="mt-2 self-start">
        <Link href="/sign-in">Go to sign in</Link>
      </Button>
    </div>
  );
}

/** better-auth answers a used, expired or unknown token with 400 "Invalid token". */
const isBadToken = (err: unknown) =>
  err instanceof ApiError && err.status === 400 && /token/i.test(err.problem.detail ?? "");

/** The set-password card: the form, or (no token, or the server refused it) why the link does not work. */
export function SetPasswordView({
  token,
  navigate = (url: string) => window.location.assign(url),
}: {
  token: string;
  navigate?: (url: string) => void;
}) {
  const [badLink, setBadLink] = useState(false);
  const { form, submit, alerts } = useResourceForm({
    schema,
    defaultValues: { newPassword: "", confirm: "" },
    fields: ["newPassword", "confirm"],
  });
  const save = submit(async ({ newPassword }) => {
    try {
      await apiFetch("/api/auth/reset-password", { method: "POST", json: { newPassword, token } });
    } catch (err) {
      if (isBadToken(err)) return setBadLink(true);
      throw err;
    }
    navigate("/sign-in?notice=password-set");
  });

  if (badLink || !token)
    return (
      <AuthCard title="This set-password link does not work">
        <SetPasswordLinkInvalid announce={badLink} />
      </AuthCard>
    );
  return (
    <AuthCard title="Set your password" description="Choose the password you will sign in to Conduit with.">
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Set your password" className="flex flex-col gap-4">
        {alerts}
        <PasswordField
          form={form}
          name="newPassword"
          label="New password"
          autoComplete="new-password"
          autoFocus
          hint="At least 12 characters. A few unrelated words make a strong one."
        />
        <PasswordField form={form} name="confirm" label="Confirm new password" autoComplete="new-password" />
        <Button type="submit" variant="primary" className="mt-1 w-full" loading={form.formState.isSubmitting}>
          Set password
        </Button>
      </form>
    </AuthCard>
  );
}
