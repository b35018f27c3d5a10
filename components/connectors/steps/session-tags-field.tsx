"use client";
// Which of the token's claims AWS should also turn into session tags (oidcSessionTagKeys).
import { useId } from "react";
import { useController } from "react-hook-form";
import { FieldError } from "@/components/ui/field";
import { OIDC_SESSION_TAG_KEYS } from "@/lib/oidc/claims";
import { errorAt, useWizardForm } from "../wizard-model";

type TagKey = (typeof OIDC_SESSION_TAG_KEYS)[number];
const NAME = "spec.credential.spec.oidcSessionTagKeys" as const;

export function SessionTagsField() {
  const { control, formState } = useWizardForm();
  const { field } = useController({ control, name: NAME as never });
  const id = useId();
  const chosen = (Array.isArray(field.value) ? field.value : []) as TagKey[];
  const error = errorAt(formState.errors, NAME);

  const toggle = (key: TagKey, on: boolean) => {
    const next = OIDC_SESSION_TAG_KEYS.filter((k) => (k === key ? on : chosen.includes(k)));
    // No keys is the same as none configured: the spec then carries no list at all.
    field.onChange(next.length ? next : undefined);
  };

  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium">Session tags (optional)</legend>
      <p id={`${id}-hint`} className="text-xs text-muted">
        The token also carries the chosen claims as AWS session tags, so IAM policies can use them (
        <code className="font-mono">aws:PrincipalTag/…</code>). The role&apos;s trust policy must then allow{" "}
        <code className="font-mono">sts:TagSession</code>; the policy below includes it.
      </p>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {OIDC_SESSION_TAG_KEYS.map((key) => (
          <label key={key} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.includes(key)}
              onChange={(e) => toggle(key, e.target.checked)}
              onBlur={field.onBlur}
              className="size-4 accent-[var(--accent)]"
            />
            <span className="font-mono text-[13px]">{key}</span>
          </label>
        ))}
      </div>
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </fieldset>
  );
}
