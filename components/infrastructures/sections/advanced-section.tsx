"use client";
import { useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { TagInput } from "@/components/ui/tag-input";
import { errorAt, useInfraForm } from "../form-model";
import { SpecField } from "../spec-field";
import { FormSection } from "./form-section";

const SERVICE_REF = /^(?:(?:account|org)\.)?[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/;

/** Simultaneous deployments, service scoping and the provisioner for dynamically provisioned infrastructure. */
export function AdvancedSection() {
  const { control, formState, setValue } = useInfraForm();
  const { errors } = formState;
  const provisioner = useWatch({ control, name: "spec.provisioner" });
  const [mapped, setMapped] = useState(provisioner !== undefined);

  return (
    <FormSection
      id="advanced"
      title="Advanced"
      description="Optional settings for how pipelines use this infrastructure."
    >
      <SpecField
        name="allowSimultaneousDeployments"
        label="Simultaneous deployments"
        hint="Off: a second deployment to this cluster and namespace waits until the first one finishes."
        renderFixed={(p) => (
          <label className="flex items-center gap-2 text-sm">
            <input
              id={p.id}
              type="checkbox"
              className="size-4 accent-[var(--accent)]"
              checked={p.value === "true"}
              onChange={(e) => p.onChange(e.target.checked ? "true" : "false")}
              onBlur={p.onBlur}
              aria-describedby={p["aria-describedby"]}
            />
            Allow simultaneous deployments on the same infrastructure
          </label>
        )}
      />
      <Field
        label="Scope to specific services"
        error={errorAt(errors, "scopedServices")}
        hint="Only these services can deploy here (service identifiers, with account. or org. for shared ones). Empty: any service."
      >
        {(a) => (
          <Controller
            control={control}
            name="scopedServices"
            render={({ field }) => (
              <TagInput
                {...a}
                value={field.value ?? []}
                onChange={field.onChange}
                onBlur={field.onBlur}
                itemLabel="service"
                placeholder="Add a service identifier and press Enter"
                validate={(s) =>
                  SERVICE_REF.test(s)
                    ? undefined
                    : "Use a service identifier, optionally prefixed with account. or org."
                }
              />
            )}
          />
        )}
      </Field>
      <div className="flex flex-col gap-3">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-[var(--accent)]"
            checked={mapped}
            onChange={(e) => {
              setMapped(e.target.checked);
              // A provisioner is usually chosen per pipeline run, so it starts as a runtime input.
              setValue("spec.provisioner", e.target.checked ? "<+input>" : undefined, { shouldDirty: true });
            }}
          />
          <span>
            <span className="font-medium">Map dynamically provisioned infrastructure</span>
            <span className="block text-xs text-muted">
              The cluster comes from a provisioning step (Terraform, CloudFormation…) of the pipeline.
            </span>
          </span>
        </label>
        {mapped && (
          <SpecField
            name="spec.provisioner"
            label="Provisioner"
            required
            hint="The identifier of the provisioning step whose outputs describe the cluster."
          />
        )}
      </div>
    </FormSection>
  );
}
