"use client";
// TanStack Query hooks for infrastructure definitions. A definition is addressed by its
// environment and identifier (identifiers are unique per environment).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { environmentKeys } from "@/lib/environments/hooks";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { InfrastructureDto, InfrastructureListQuery, InfrastructurePage } from "./dto";
import type { RuntimeInputField } from "./resolve";
import type { InfrastructureInput } from "./schemas";

export type InfrastructureFilters = Partial<Pick<InfrastructureListQuery, "environment" | "q" | "deploymentType">>;
export interface InfrastructureRef {
  environment: string;
  identifier: string;
}
export interface ResolvedInfrastructureDto {
  infrastructureDefinition: InfrastructureDto["infrastructureDefinition"];
  spec: InfrastructureInput["spec"];
  yaml: string;
  inputs: RuntimeInputField[];
}

export const infrastructureKeys = {
  all: ["infrastructures"] as const,
  list: (scope: ScopeRef, f: InfrastructureFilters) => [...infrastructureKeys.all, "list", scope, f] as const,
  detail: (scope: ScopeRef, ref: InfrastructureRef) =>
    [...infrastructureKeys.all, "detail", scope, ref.environment, ref.identifier] as const,
  yaml: (scope: ScopeRef, ref: InfrastructureRef) =>
    [...infrastructureKeys.all, "yaml", scope, ref.environment, ref.identifier] as const,
};

const base = "/api/infrastructures";
const one = (identifier: string) => `${base}/${encodeURIComponent(identifier)}`;

export const useInfrastructures = (scope: ScopeRef, filters: InfrastructureFilters = {}) =>
  useInfiniteQuery({
    queryKey: infrastructureKeys.list(scope, filters),
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      apiFetch<InfrastructurePage>(base, { scope, signal, query: { ...filters, cursor: pageParam || undefined } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(scope.org && scope.project),
  });

export const useInfrastructure = (scope: ScopeRef, ref: InfrastructureRef) =>
  useQuery({
    queryKey: infrastructureKeys.detail(scope, ref),
    queryFn: ({ signal }) =>
      apiFetch<InfrastructureDto>(one(ref.identifier), { scope, signal, query: { environment: ref.environment } }),
    enabled: Boolean(ref.environment && ref.identifier),
  });

export const useInfrastructureYaml = (scope: ScopeRef, ref: InfrastructureRef) =>
  useQuery({
    queryKey: infrastructureKeys.yaml(scope, ref),
    queryFn: ({ signal }) =>
      apiFetch<string>(one(ref.identifier), {
        scope,
        signal,
        query: { environment: ref.environment, format: "yaml" },
        headers: { accept: "application/yaml" },
      }),
    enabled: Boolean(ref.environment && ref.identifier),
  });

function useInvalidate() {
  const qc = useQueryClient();
  // Environments show how many definitions they hold.
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: infrastructureKeys.all }),
      qc.invalidateQueries({ queryKey: environmentKeys.all }),
    ]);
}

export function useCreateInfrastructure(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: InfrastructureInput) =>
      apiFetch<InfrastructureDto>(base, { method: "POST", scope, json: input }),
    onSuccess: invalidate,
  });
}

export function useCreateInfrastructureYaml(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (yaml: string) =>
      apiFetch<InfrastructureDto>(base, {
        method: "POST",
        scope,
        body: yaml,
        headers: { "content-type": "application/yaml" },
      }),
    onSuccess: invalidate,
  });
}

/** `version` is the one the user started editing from; a newer one on the server is a 409. */
export function useUpdateInfrastructure(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: InfrastructureRef & { input: InfrastructureInput; version: number }) =>
      apiFetch<InfrastructureDto>(one(v.identifier), {
        method: "PUT",
        scope,
        query: { environment: v.environment },
        json: v.input,
        headers: { "if-match": `"${v.version}"` },
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateInfrastructureYaml(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: InfrastructureRef & { yaml: string; version: number }) =>
      apiFetch<InfrastructureDto>(one(v.identifier), {
        method: "PUT",
        scope,
        query: { environment: v.environment },
        body: v.yaml,
        headers: { "content-type": "application/yaml", "if-match": `"${v.version}"` },
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteInfrastructure(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (ref: InfrastructureRef) =>
      apiFetch<void>(one(ref.identifier), { method: "DELETE", scope, query: { environment: ref.environment } }),
    onSuccess: invalidate,
  });
}

/** Try runtime inputs: the resolved definition and its YAML, or an ApiError with fieldErrors by path. */
export function useResolveInfrastructure(scope: ScopeRef) {
  return useMutation({
    mutationFn: (v: InfrastructureRef & { inputs: Record<string, string> }) =>
      apiFetch<ResolvedInfrastructureDto>(`${one(v.identifier)}/resolve`, {
        method: "POST",
        scope,
        query: { environment: v.environment },
        json: { inputs: v.inputs },
      }),
  });
}
