"use client";
// The definition form's model: DTO → form values and the fields a server problem can land on.
// Kept apart from the JSX so the sections share it.
import { get, useFormContext, type FieldErrors, type Path } from "react-hook-form";
import { OVERVIEW_FIELDS, firstMessage } from "@/components/forms/form-values";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import type { InfrastructureFormValues, InfrastructureInput } from "@/lib/infrastructures/schemas";

export type InfraFormValues = InfrastructureFormValues;
export const useInfraForm = () => useFormContext<InfraFormValues, unknown, InfrastructureInput>();

/** Fields in the order the form shows them; server errors on other paths go to the form alert. */
export const FORM_FIELDS = [
  ...OVERVIEW_FIELDS,
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
