"use client";
// The definition form's model: DTO → form values, which section owns which field, and server
// problems mapped back onto fields. Kept apart from the JSX so the sections share it.
import { get, useFormContext, type FieldErrors, type Path } from "react-hook-form";
import { firstMessage } from "@/components/forms/form-values";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import type { InfrastructureFormValues, InfrastructureInput } from "@/lib/infrastructures/schemas";
import { ApiError } from "@/lib/http/client";

export type InfraFormValues = InfrastructureFormValues;
export const useInfraForm = () => useFormContext<InfraFormValues, unknown, InfrastructureInput>();

/** Fields in the order the form shows them; server errors on other paths go to the form alert. */
export const FORM_FIELDS = [
  "name",
  "identifier",
  "description",
  "tags",
  "environmentRef",
  "deploymentType",
  "type",
  "storage",
  "spec.connectorRef",
  "spec.region",
  "spec.cluster",
  "spec.namespace",
  "spec.releaseName",
  "allowSimultaneousDeployments",
  "scopedServices",
  "spec.provisioner",
] as const satisfies readonly Path<InfraFormValues>[];

export const errorAt = (errors: FieldErrors<InfraFormValues>, path: string): string | undefined =>
  firstMessage(get(errors, path));

/** The editable part of a stored definition. */
export function toFormValues(dto: InfrastructureDto): InfraFormValues {
  const { orgIdentifier: _o, projectIdentifier: _p, ...rest } = dto.infrastructureDefinition;
  return structuredClone(rest) as InfraFormValues;
}

/**
 * Puts a 422's fieldErrors on the fields (the first one is focused) and returns the messages
 * no field on screen can show.
 */
export function applyServerErrors(setError: ReturnType<typeof useInfraForm>["setError"], err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.problem.fieldErrors) return [];
  const unplaced: string[] = [];
  let first = true;
  for (const [path, messages] of Object.entries(err.problem.fieldErrors)) {
    const field = FORM_FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
    const message = messages.join(" ");
    if (!field) {
      unplaced.push(path === "(root)" ? message : `${path}: ${message}`);
      continue;
    }
    setError(field, { type: "server", message }, { shouldFocus: first });
    first = false;
  }
  return unplaced;
}
