"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { SecretCreate, SecretDto, SecretUpdate } from "./schemas";

export const secretKeys = {
  all: ["secrets"] as const,
  list: (scope: ScopeRef, opts: { q?: string; includeParents?: boolean } = {}) =>
    [...secretKeys.all, "list", scope, opts] as const,
};

const base = "/api/secrets";
const one = (identifier: string) => `${base}/${encodeURIComponent(identifier)}`;

export const useSecrets = (scope: ScopeRef, opts: { q?: string; includeParents?: boolean } = {}) =>
  useQuery({
    queryKey: secretKeys.list(scope, opts),
    queryFn: ({ signal }) =>
      apiFetch<{ items: SecretDto[] }>(base, {
        scope,
        signal,
        query: { q: opts.q, includeParents: opts.includeParents ? "true" : undefined },
      }).then((r) => r.items),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: secretKeys.all });
}

export function useCreateSecret(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: SecretCreate) => apiFetch<SecretDto>(base, { method: "POST", scope, json: input }),
    onSuccess: invalidate,
    // The variables hold the secret value: keep them in memory no longer than the call.
    gcTime: 0,
  });
}

export function useUpdateSecret(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { identifier: string; input: SecretUpdate }) =>
      apiFetch<SecretDto>(one(v.identifier), { method: "PUT", scope, json: v.input }),
    onSuccess: invalidate,
    gcTime: 0,
  });
}

export function useDeleteSecret(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (identifier: string) => apiFetch<void>(one(identifier), { method: "DELETE", scope }),
    onSuccess: invalidate,
  });
}
