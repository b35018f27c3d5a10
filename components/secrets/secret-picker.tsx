"use client";
import { useState, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Select } from "@/components/ui/field";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { useSecrets } from "@/lib/secrets/hooks";
import type { SecretDto } from "@/lib/secrets/schemas";
import { CreateSecretDialog } from "./create-secret-dialog";
import { createdSecretOf, useSecretCreated } from "@/components/forms/created-secrets";

export interface SecretPickerProps {
  /** The select's id, so a <label htmlFor> (e.g. from <Field>) names it. */
  id?: string;
  /** The chosen secret reference (`x`, `org.x` or `account.x`), "" for none. */
  value: string;
  onChange: (ref: string) => void;
  onBlur?: () => void;
  /** The scope of the thing that references the secret; enclosing scopes are offered too. */
  scope: ScopeRef;
  invalid?: boolean;
  describedBy?: string;
  /** What the secret is for ("Secret key"): names the select when there is no <label>, and the create button. */
  label?: string;
  disabled?: boolean;
  name?: string;
  ref?: Ref<HTMLSelectElement>;
  /** Accepted too, so `{...a}` from Field's render prop can be spread as is. */
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

const optionLabel = (s: SecretDto) => (s.ref === s.identifier ? s.name : `${s.name} (${s.scope})`);

/** Chooses a secret for a form field, or creates one on the spot and chooses it. */
export function SecretPicker({
  id,
  value,
  onChange,
  onBlur,
  scope,
  invalid,
  describedBy,
  label,
  disabled,
  name,
  ref,
  ...aria
}: SecretPickerProps) {
  const secrets = useSecrets(scope, { includeParents: true });
  const [creating, setCreating] = useState(false);
  const tellCreated = useSecretCreated();
  // Shown until the refetched list includes it, so the select never flashes an unknown value.
  const [created, setCreated] = useState<SecretDto>();
  const items = secrets.data ?? [];
  const options = created && !items.some((s) => s.ref === created.ref) ? [created, ...items] : items;
  const known = value === "" || options.some((s) => s.ref === value);
  const isInvalid = invalid ?? aria["aria-invalid"];
  const errorId = id ? `${id}-load-error` : undefined;
  const described =
    [describedBy ?? aria["aria-describedby"], secrets.isError ? errorId : undefined].filter(Boolean).join(" ") ||
    undefined;

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center gap-2">
        <Select
          ref={ref}
          id={id}
          name={name}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          aria-label={id ? undefined : (label ?? "Secret")}
          aria-invalid={isInvalid || undefined}
          aria-describedby={described}
          aria-busy={secrets.isPending || undefined}
          className="min-w-0 flex-1"
        >
          <option value="">Choose a secret…</option>
          {!known && <option value={value}>{secrets.isPending ? value : `${value} (not found)`}</option>}
          {options.map((s) => (
            <option key={s.ref} value={s.ref}>
              {optionLabel(s)}
            </option>
          ))}
          {secrets.isPending && (
            <option value="__loading" disabled>
              Loading secrets…
            </option>
          )}
        </Select>
        <Button
          onClick={() => setCreating(true)}
          disabled={disabled}
          aria-label={label ? `Create secret for ${label}` : undefined}
          className="shrink-0"
        >
          Create secret
        </Button>
      </div>
      {secrets.isError && <FieldError id={errorId}>Could not load secrets: {errorMessage(secrets.error)}</FieldError>}
      <CreateSecretDialog
        open={creating}
        onOpenChange={setCreating}
        scope={scope}
        onCreated={(secret) => {
          setCreated(secret);
          tellCreated?.(createdSecretOf(secret));
          onChange(secret.ref);
        }}
      />
    </div>
  );
}
