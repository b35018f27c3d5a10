"use client";
import Link from "next/link";
import { useState } from "react";
import { z } from "zod";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { AuthCard } from "@/components/identity/auth-card";
import { PasswordField } from "@/components/identity/password-field";
import { DEFAULT_AFTER_SIGN_IN } from "@/components/identity/next-path";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { setupInputSchema } from "@/lib/auth/schemas";
import { ApiError, apiFetch, errorMessage } from "@/lib/http/client";
import { SetupDone, SetupLinkInvalid } from "./setup-states";

const schema = setupInputSchema
  .omit({ token: true })
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match" });

const FIELDS = ["name", "email", "password", "confirm"] as const;

type Outcome = { kind: "invalid" } | { kind: "done" } | { kind: "sign-in-failed"; message: string };

/** Name, email and password of the first Account Admin; then signs in with them. */
export function SetupView({
  token,
  navigate = (url: string) => window.location.assign(url),
}: {
  token: string;
  navigate?: (url: string) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>();
  const { form, submit, alerts } = useResourceForm({
    schema,
    defaultValues: { name: "", email: "", password: "", confirm: "" },
    fields: FIELDS,
  });

  const { errors } = form.formState;
  const save = submit(async ({ name, email, password }) => {
    try {
      await apiFetch("/api/setup", { method: "POST", json: { token, name, email, password } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return setOutcome({ kind: "invalid" });
      if (err instanceof ApiError && err.status === 409) return setOutcome({ kind: "done" });
      throw err;
    }
    try {
      await apiFetch("/api/auth/sign-in/email", { method: "POST", json: { email, password } });
    } catch (err) {
      return setOutcome({ kind: "sign-in-failed", message: errorMessage(err) });
    }
    navigate(DEFAULT_AFTER_SIGN_IN);
  });

  if (outcome?.kind === "invalid")
    return (
      <AuthCard title="This setup link does not work">
        <SetupLinkInvalid announce />
      </AuthCard>
    );
  if (outcome?.kind === "done")
    return (
      <AuthCard title="Conduit is already set up">
        <SetupDone announce />
      </AuthCard>
    );
  if (outcome?.kind === "sign-in-failed")
    return (
      <AuthCard title="Conduit is set up">
        <div className="flex flex-col gap-4">
          <Alert tone="success">You are its Account Admin.</Alert>
          <Alert>Signing you in did not work: {outcome.message}</Alert>
          <Button asChild variant="primary" className="self-start">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
      </AuthCard>
    );

  return (
    <AuthCard
      title="Set up Conduit"
      description="Create the first Account Admin: you. Invite everyone else once you are signed in."
    >
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Set up Conduit" className="flex flex-col gap-4">
        {alerts}
        <Field label="Your name" required error={errors.name?.message}>
          {(a) => <Input {...a} {...form.register("name")} autoComplete="name" autoFocus />}
        </Field>
        <Field label="Email" required error={errors.email?.message} hint="You sign in with it.">
          {(a) => (
            <Input
              {...a}
              {...form.register("email")}
              type="email"
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
            />
          )}
        </Field>
        <PasswordField
          form={form}
          name="password"
          label="Password"
          autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words make a strong one."
        />
        <PasswordField form={form} name="confirm" label="Confirm password" autoComplete="new-password" />
        <Button type="submit" variant="primary" className="mt-1 w-full" loading={form.formState.isSubmitting}>
          Create admin and sign in
        </Button>
      </form>
    </AuthCard>
  );
}
