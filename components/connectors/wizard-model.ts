"use client";
// The connector wizard's model: which step owns which fields, DTO → form values, and mapping
// server problems back onto fields. Kept apart from the JSX so steps and pages share it.
import { createContext, useContext } from "react";
import { get, useFormContext, type FieldErrors, type Path, type UseFormReturn } from "react-hook-form";
import type { ConnectorDto } from "@/lib/connectors/dto";
import type { ConnectorFormValues, ConnectorInput } from "@/lib/connectors/schemas";
import { OVERVIEW_FIELDS, firstMessage } from "@/components/forms/form-values";
import { formMessage, placeFieldErrors } from "@/components/forms/problem-fields";

export type WizardForm = UseFormReturn<ConnectorFormValues, unknown, ConnectorInput>;
export const useWizardForm = () => useFormContext<ConnectorFormValues, unknown, ConnectorInput>();

export const WIZARD_STEPS = [
  {
    id: "overview",
    label: "Overview",
    description: "Name, identifier, tags",
    fields: OVERVIEW_FIELDS,
  },
  { id: "credentials", label: "Credentials", description: "How Conduit signs in", fields: ["spec.credential"] },
  { id: "usage", label: "Permissions", description: "What it is for", fields: ["conduit"] },
  {
    id: "backoff",
    label: "Backoff strategy",
    description: "Retry delays",
    fields: ["spec.awsSdkClientBackOffStrategyOverride"],
  },
  {
    id: "delegates",
    label: "Delegates",
    description: "Where it runs",
    fields: ["spec.delegateSelectors", "spec.executeOnDelegate"],
  },
  { id: "test", label: "Connection test", description: "Save and verify", fields: [] },
] as const;
export const TEST_STEP = WIZARD_STEPS.length - 1;

/** The step whose fields include `path` (dot path as in problem+json fieldErrors). */
export function stepOfPath(path: string): number | undefined {
  const i = WIZARD_STEPS.findIndex((s) => s.fields.some((f: string) => path === f || path.startsWith(`${f}.`)));
  return i === -1 ? undefined : i;
}

export const errorAt = (errors: FieldErrors<ConnectorFormValues>, path: string): string | undefined =>
  firstMessage(get(errors, path));

/** Lowest step index that holds an error, in the order the steps show their fields. */
export function firstStepWithError(errors: FieldErrors<ConnectorFormValues>): number | undefined {
  const i = WIZARD_STEPS.findIndex((s) => s.fields.some((f) => firstMessage(get(errors, f))));
  return i === -1 ? undefined : i;
}

/** The editable part of a stored connector (scope and type come from the URL and are fixed). */
export function toFormValues(dto: ConnectorDto): ConnectorFormValues {
  const { name, identifier, description, tags, spec, conduit } = dto.connector;
  // Conduit's own fields (the intended uses) travel with the form, so a save keeps them.
  return structuredClone({ name, identifier, description, tags, spec, conduit });
}

/**
 * Puts a 422's fieldErrors on the fields. Returns the step to show (the one owning the first
 * error) and the form-level message, unless every message sits on a field.
 */
export function applyServerErrors(form: WizardForm, err: unknown): { step?: number; message?: string } {
  // Tag errors come per key ("tags.env"); the chips have one error line for the map. Nothing is
  // focused here: the owning step may not be shown yet.
  const placement = placeFieldErrors(
    err,
    form.setError,
    (path) =>
      stepOfPath(path) === undefined
        ? undefined
        : ((path.startsWith("tags.") ? "tags" : path) as Path<ConnectorFormValues>),
    false,
  );
  const steps = placement.placed.map((p) => stepOfPath(p)!);
  return { step: steps.length ? Math.min(...steps) : undefined, message: formMessage(err, placement) };
}

export const formatMs = (ms: number): string => {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${s >= 100 ? Math.round(s) : Number(s.toFixed(s >= 10 ? 1 : 2))} s`;
};

/**
 * What the user typed for an option they switched away from (another credential type, another
 * backoff strategy, the cross-account role), so switching back restores it. Lives with the
 * wizard because step components unmount on Back/Next.
 */
export class WizardStash {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
}
export const StashContext = createContext(new WizardStash());
export const useStash = () => useContext(StashContext);
