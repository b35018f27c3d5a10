"use client";
import { useId } from "react";
import { useWatch } from "react-hook-form";
import { Field, Input } from "@/components/ui/field";
import { partitionOf } from "@/lib/aws/partitions";
import type { CrossAccountAccess } from "@/lib/connectors/schemas";
import { errorAt, useStash, useWizardForm } from "../wizard-model";
import { numberOrUndefined, textOrUndefined } from "@/components/forms/form-values";

const P = "spec.credential.crossAccountAccess" as const;

/**
 * "Assume a role in another account with STS". Unchecking removes `crossAccountAccess` from the
 * values (so validation ignores it); checking again restores what was typed.
 */
export function CrossAccountFields() {
  const { control, register, setValue, getValues, unregister, formState } = useWizardForm();
  const stash = useStash();
  const checkboxId = useId();
  const { errors } = formState;
  const value = useWatch({ control, name: P });
  const region = useWatch({ control, name: "spec.credential.region" }) ?? "us-east-1";
  const enabled = value !== undefined;

  const toggle = (on: boolean) => {
    if (on) {
      setValue(P, stash.get<CrossAccountAccess>("crossAccountAccess") ?? { crossAccountRoleArn: "" });
    } else {
      stash.set("crossAccountAccess", getValues(P));
      unregister(P);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-start gap-3">
        <input
          id={checkboxId}
          type="checkbox"
          checked={enabled}
          onChange={(e) => toggle(e.target.checked)}
          aria-describedby={`${checkboxId}-hint`}
          className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
        />
        <div className="flex flex-col gap-0.5">
          <label htmlFor={checkboxId} className="text-sm font-medium">
            Enable cross-account access (STS role)
          </label>
          <p id={`${checkboxId}-hint`} className="text-xs text-muted">
            After signing in, Conduit calls STS AssumeRole for a role in another account and uses that role&apos;s
            temporary credentials.
          </p>
        </div>
      </div>
      {enabled && (
        <div className="grid gap-4 border-l-2 border-border pl-4 lg:grid-cols-2">
          <Field
            label="Cross-account role ARN"
            required
            error={errorAt(errors, `${P}.crossAccountRoleArn`)}
            className="lg:col-span-2"
          >
            {(a) => (
              <Input
                {...a}
                {...register(`${P}.crossAccountRoleArn`)}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                placeholder={`arn:${partitionOf(region)}:iam::123456789012:role/conduit-deployer`}
              />
            )}
          </Field>
          <Field
            label={
              <>
                External ID <span className="font-normal text-muted">(optional)</span>
              </>
            }
            error={errorAt(errors, `${P}.externalId`)}
            hint="Only if the role's trust policy requires sts:ExternalId."
          >
            {(a) => (
              <Input
                {...a}
                {...register(`${P}.externalId`, { setValueAs: textOrUndefined })}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
              />
            )}
          </Field>
          <Field
            label={
              <>
                Session duration <span className="font-normal text-muted">(optional)</span>
              </>
            }
            error={errorAt(errors, `${P}.assumeRoleSessionDuration`)}
            hint="900 to 43200 seconds; empty uses STS's default of one hour."
          >
            {(a) => (
              <div className="flex items-center gap-2">
                <Input
                  {...a}
                  {...register(`${P}.assumeRoleSessionDuration`, { setValueAs: numberOrUndefined })}
                  type="number"
                  inputMode="numeric"
                  min={900}
                  max={43200}
                  step={1}
                  placeholder="3600"
                  className="w-36 tabular-nums"
                />
                <span className="text-sm text-muted">seconds</span>
              </div>
            )}
          </Field>
        </div>
      )}
    </div>
  );
}
