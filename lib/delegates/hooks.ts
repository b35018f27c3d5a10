"use client";
// TanStack Query hooks for delegates: the list (refreshed while the page is open, so a delegate
// that stops shows as disconnected), how many match a connector's selectors, and delegate tokens.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { DelegateDto, DelegateMatch, DelegateTokenDto } from "./schemas";

export const delegateKeys = {
  all: ["delegates"] as const,
  list: () => [...delegateKeys.all, "list"] as const,
  match: (scope: ScopeRef, selectors: readonly string[]) =>
    [...delegateKeys.all, "match", scope, [...selectors].sort()] as const,
  tokens: () => [...delegateKeys.all, "tokens"] as const,
};

export const REFRESH_MS = 5_000;

export const useDelegates = () =>
  useQuery({
    queryKey: delegateKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ items: DelegateDto[] }>("/api/delegates", { signal }).then((r) => r.items),
    refetchInterval: REFRESH_MS,
  });

export const useDelegateMatch = (scope: ScopeRef, selectors: readonly string[], enabled = true) =>
  useQuery({
    queryKey: delegateKeys.match(scope, selectors),
    queryFn: ({ signal }) =>
      apiFetch<DelegateMatch>(`/api/delegates/match?selectors=${encodeURIComponent(selectors.join(","))}`, {
        signal,
        scope,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    enabled,
  });

export const useDelegateTokens = (enabled = true) =>
  useQuery({
    queryKey: delegateKeys.tokens(),
    queryFn: ({ signal }) =>
      apiFetch<{ items: DelegateTokenDto[] }>("/api/delegates/tokens", { signal }).then((r) => r.items),
    enabled,
  });

export interface DelegateTokenCreated {
  token: string;
  item: DelegateTokenDto;
}

export function useCreateDelegateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiFetch<DelegateTokenCreated>("/api/delegates/tokens", { method: "POST", json: { name } }),
    // The answer holds the token: gone from the mutation cache as soon as the form resets it.
    gcTime: 0,
    onSuccess: () => qc.invalidateQueries({ queryKey: delegateKeys.tokens() }),
  });
}

export function useRevokeDelegateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<DelegateTokenDto>(`/api/delegates/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: delegateKeys.all }),
  });
}
