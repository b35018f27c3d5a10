"use client";
import { Controller, useWatch } from "react-hook-form";
import { SecretPicker } from "@/components/secrets/secret-picker";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/field";
import type { ScopeRef } from "@/lib/scope";
import { errorAt, useStash, useWizardForm } from "../wizard-model";
import { textOrUndefined } from "@/components/forms/form-values";

const P = "spec.credential.spec" as const;

/** A secret picker bound to one reference field of the ManualConfig spec. */
function SecretRefPicker({
  name,
  label,
  scope,
  field: a,
  optional = false,
}: {
  name: "accessKeyRef" | "secretKeyRef" | "sessionTokenRef";
  label: string;
  scope: ScopeRef;
  field: { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
  /** "No secret" then means the key is absent, not an empty reference. */
  optional?: boolean;
}) {
  const { control } = useWizardForm();
  return (
    <Controller
      control={control}
      name={`${P}.${name}`}
      render={({ field }) => (
        <SecretPicker
          id={a.id}
          invalid={a["aria-invalid"]}
          describedBy={a["aria-describedby"]}
          label={label}
          scope={scope}
          value={field.value ?? ""}
          onChange={optional ? (ref) => field.onChange(textOrUndefined(ref)) : field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}

/** Access key ID as text or as a secret, then the secret key and optional session token. */
export function ManualConfigFields({ scope }: { scope: ScopeRef }) {
  const { control, register, setValue, getValues, clearErrors, formState } = useWizardForm();
  const stash = useStash();
  const { errors } = formState;
  const accessKeyRef = useWatch({ control, name: `${P}.accessKeyRef` });
  const mode: "plain" | "secret" = accessKeyRef !== undefined ? "secret" : "plain";

  const switchMode = (next: "plain" | "secret") => {
    if (next === mode) return;
    // Keep what was entered for the other way, so toggling back and forth loses nothing.
    if (next === "secret") {
      stash.set("accessKey", getValues(`${P}.accessKey`));
      setValue(`${P}.accessKeyRef`, stash.get<string>("accessKeyRef") ?? "");
      setValue(`${P}.accessKey`, undefined);
    } else {
      stash.set("accessKeyRef", getValues(`${P}.accessKeyRef`));
      setValue(`${P}.accessKey`, stash.get<string>("accessKey") ?? "");
      setValue(`${P}.accessKeyRef`, undefined);
    }
    clearErrors([`${P}.accessKey`, `${P}.accessKeyRef`]);
  };

  return (
    <div className="flex flex-col gap-5">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">
          Access key ID
          <span className="text-danger" aria-hidden>
            {" "}
            *
          </span>
        </legend>
        <div
          className="inline-flex w-fit rounded-md border border-border bg-surface-2 p-0.5"
          role="radiogroup"
          aria-label="Access key ID given as"
        >
          {(
            [
              ["plain", "Plain text"],
              ["secret", "From a secret"],
            ] as const
          ).map(([value, label]) => (
            <label
              key={value}
              className={cn(
                "cursor-pointer rounded px-3 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus",
                mode === value ? "bg-surface font-medium text-fg shadow-sm" : "text-muted hover:text-fg",
              )}
            >
              <input
                type="radio"
                name="accessKeyMode"
                value={value}
                checked={mode === value}
                onChange={() => switchMode(value)}
                className="sr-only"
              />
              {label}
            </label>
          ))}
        </div>
        {mode === "plain" ? (
          <Field
            label={<span className="sr-only">Access key ID</span>}
            error={errorAt(errors, `${P}.accessKey`)}
            hint="Not secret on its own; kept in the connector as text, like AKIAIOSFODNN7EXAMPLE."
          >
            {(a) => (
              <Input
                {...a}
                {...register(`${P}.accessKey`)}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                placeholder="AKIA…"
              />
            )}
          </Field>
        ) : (
          <Field
            label={<span className="sr-only">Secret holding the access key ID</span>}
            error={errorAt(errors, `${P}.accessKeyRef`)}
            hint="The secret that holds the access key ID."
          >
            {(a) => <SecretRefPicker name="accessKeyRef" label="Access key ID" scope={scope} field={a} />}
          </Field>
        )}
      </fieldset>

      <Field
        label="Secret access key"
        required
        error={errorAt(errors, `${P}.secretKeyRef`)}
        hint="The secret that holds the secret access key. Conduit never shows its value."
      >
        {(a) => <SecretRefPicker name="secretKeyRef" label="Secret access key" scope={scope} field={a} />}
      </Field>

      <Field
        label={
          <>
            Session token <span className="font-normal text-muted">(optional)</span>
          </>
        }
        error={errorAt(errors, `${P}.sessionTokenRef`)}
        hint="Only for temporary credentials: access keys starting with ASIA need the session token issued with them."
      >
        {(a) => <SecretRefPicker name="sessionTokenRef" label="Session token" scope={scope} field={a} optional />}
      </Field>
    </div>
  );
}
