"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { PasswordInput } from "@/components/identity/password-field";
import { safeNextPath } from "@/components/identity/next-path";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/misc";
import { ApiError, apiFetch, errorMessage } from "@/lib/http/client";

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email"),
  password: z.string().min(1, "Enter your password"),
});

/** What the form says when sign-in fails: a wrong pair never says which half was wrong. */
export function signInFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 401) return "Email or password is not right";
  return errorMessage(err);
}

const go = (url: string) => window.location.assign(url);

/**
 * Email and password, then back to `next` (a path on this site only). A full navigation, not a
 * client-side one: the console starts fresh with the new session cookie.
 */
export function SignInForm({
  next,
  sso,
  navigate = go,
}: {
  next?: string;
  sso?: { name: string } | null;
  navigate?: (url: string) => void;
}) {
  const target = safeNextPath(next);
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { email: "", password: "" } });
  const { register, formState } = form;
  const [failure, setFailure] = useState<string>();
  const [ssoPending, setSsoPending] = useState(false);

  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await apiFetch("/api/auth/sign-in/email", { method: "POST", json: values });
      navigate(target);
    } catch (err) {
      setFailure(signInFailure(err));
      form.setFocus("password");
    }
  });

  const signInWithSso = async () => {
    setFailure(undefined);
    setSsoPending(true);
    try {
      const res = await apiFetch<{ url?: string }>("/api/auth/sign-in/social", {
        method: "POST",
        json: { provider: "sso", callbackURL: target, errorCallbackURL: "/sign-in" },
      });
      if (!res.url) throw new Error("The single sign-on provider did not answer with a sign-in address");
      navigate(res.url);
    } catch (err) {
      setFailure(errorMessage(err));
      setSsoPending(false);
    }
  };

  return (
    <div className="flex flex-col gap-5">
      {failure && <Alert>{failure}</Alert>}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in" className="flex flex-col gap-4">
        <Field label="Email" error={formState.errors.email?.message}>
          {(a) => (
            <Input
              {...a}
              {...register("email")}
              type="email"
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus
            />
          )}
        </Field>
        <Field label="Password" error={formState.errors.password?.message}>
          {(a) => <PasswordInput {...a} {...register("password")} autoComplete="current-password" />}
        </Field>
        <Button type="submit" variant="primary" className="mt-1 w-full" loading={formState.isSubmitting}>
          Sign in
        </Button>
      </form>
      {sso && (
        <>
          <div className="flex items-center gap-3 text-xs text-muted" aria-hidden>
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <Button className="w-full" onClick={() => void signInWithSso()} loading={ssoPending}>
            Sign in with {sso.name}
          </Button>
        </>
      )}
    </div>
  );
}
