"use client";
// TanStack Query hooks for the OIDC API (keys, rotation, the wizard's token preview).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { OidcKeyDto, OidcPreview, OidcPreviewRequest, OidcRotationDto } from "./schemas";

export const oidcKeys = {
  all: ["oidc"] as const,
  keys: () => [...oidcKeys.all, "keys"] as const,
  preview: (scope: ScopeRef, req: OidcPreviewRequest) => [...oidcKeys.all, "preview", scope, req] as const,
};

export const useOidcKeys = () =>
  useQuery({
    queryKey: oidcKeys.keys(),
    queryFn: () => apiFetch<{ items: OidcKeyDto[] }>("/api/oidc/keys").then((r) => r.items),
  });

export function useRotateOidcKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<OidcRotationDto>("/api/oidc/keys/rotate", { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: oidcKeys.all }),
  });
}

/** What the connector's token will carry and the AWS setup it needs; refetch as the form changes. */
export const useOidcPreview = (scope: ScopeRef, req: OidcPreviewRequest, enabled = true) =>
  useQuery({
    queryKey: oidcKeys.preview(scope, req),
    queryFn: () => apiFetch<OidcPreview>("/api/oidc/preview", { method: "POST", scope, json: req }),
    enabled,
  });
