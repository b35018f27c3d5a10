"use client";
// TanStack Query hooks for environments.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { EnvironmentDto, EnvironmentInput, EnvironmentListQuery } from "./schemas";

export type EnvironmentFilters = Partial<Pick<EnvironmentListQuery, "q" | "type">>;

export const environmentKeys = {
  all: ["environments"] as const,
  list: (scope: ScopeRef, f: EnvironmentFilters) => [...environmentKeys.all, "list", scope, f] as const,
  detail: (scope: ScopeRef, id: string) => [...environmentKeys.all, "detail", scope, id] as const,
};

const base = "/api/environments";
const one = (identifier: string) => `${base}/${encodeURIComponent(identifier)}`;

export const useEnvironments = (scope: ScopeRef, filters: EnvironmentFilters = {}, enabled = true) =>
  useQuery({
    queryKey: environmentKeys.list(scope, filters),
    queryFn: ({ signal }) => apiFetch<{ items: EnvironmentDto[] }>(base, { scope, signal, query: filters }),
    enabled: enabled && Boolean(scope.org && scope.project),
  });

export const useEnvironment = (scope: ScopeRef, identifier: string) =>
  useQuery({
    queryKey: environmentKeys.detail(scope, identifier),
    queryFn: ({ signal }) => apiFetch<EnvironmentDto>(one(identifier), { scope, signal }),
    enabled: Boolean(identifier),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: environmentKeys.all });
}

export function useCreateEnvironment(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: EnvironmentInput) => apiFetch<EnvironmentDto>(base, { method: "POST", scope, json: input }),
    onSuccess: invalidate,
  });
}

/** `version` is the one the user started editing from; a newer one on the server is a 409. */
export function useUpdateEnvironment(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { identifier: string; input: EnvironmentInput; version: number }) =>
      apiFetch<EnvironmentDto>(one(v.identifier), {
        method: "PUT",
        scope,
        json: v.input,
        headers: { "if-match": `"${v.version}"` },
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteEnvironment(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (identifier: string) => apiFetch<void>(one(identifier), { method: "DELETE", scope }),
    onSuccess: invalidate,
  });
}
