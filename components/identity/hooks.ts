"use client";
// TanStack Query hooks for identity: who is signed in and what they may do in the scope in the
// URL, personal and service-account tokens, users, service accounts and role bindings.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RoleId } from "@/lib/access/permissions";
import type { MeDto, RoleBindingDto, ServiceAccountDto, TokenDto, UserDto } from "@/lib/auth/schemas";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { useScope } from "@/lib/scopes/hooks";

const s = (scope: ScopeRef) => [scope.org ?? "", scope.project ?? ""] as const;

export const identityKeys = {
  all: ["identity"] as const,
  me: (scope: ScopeRef) => [...identityKeys.all, "me", ...s(scope)] as const,
  tokens: (owner: TokenOwner) => [...identityKeys.all, "tokens", ...ownerKey(owner)] as const,
  users: (q?: string) => [...identityKeys.all, "users", q ?? ""] as const,
  usersAll: () => [...identityKeys.all, "users"] as const,
  serviceAccounts: (scope: ScopeRef) => [...identityKeys.all, "service-accounts", ...s(scope)] as const,
  bindings: (scope: ScopeRef) => [...identityKeys.all, "role-bindings", ...s(scope)] as const,
};

/** The signed-in caller and their permissions at `scope` (the URL's scope when not given). */
export function useMe(scope?: ScopeRef) {
  const current = useScope();
  const at: ScopeRef = scope ?? { org: current.org, project: current.project };
  return useQuery({
    queryKey: identityKeys.me(at),
    queryFn: ({ signal }) => apiFetch<MeDto>("/api/me", { scope: at, signal }),
    staleTime: 60_000,
  });
}

// ---- tokens -------------------------------------------------------------------------------

/** Whose tokens: the caller's own, or a service account's at a scope. */
export type TokenOwner = { kind: "me" } | { kind: "serviceAccount"; identifier: string; scope: ScopeRef };

function ownerKey(owner: TokenOwner): string[] {
  return owner.kind === "me" ? ["me"] : ["sa", ...s(owner.scope), owner.identifier];
}

function tokensPath(owner: TokenOwner): { path: string; scope?: ScopeRef } {
  if (owner.kind === "me") return { path: "/api/me/tokens" };
  return { path: `/api/service-accounts/${encodeURIComponent(owner.identifier)}/tokens`, scope: owner.scope };
}

export interface TokenCreated {
  token: string;
  item: TokenDto;
}

export function useTokens(owner: TokenOwner) {
  const { path, scope } = tokensPath(owner);
  return useQuery({
    queryKey: identityKeys.tokens(owner),
    queryFn: ({ signal }) => apiFetch<{ items: TokenDto[] }>(path, { scope, signal }).then((r) => r.items),
  });
}

export function useCreateToken(owner: TokenOwner) {
  const qc = useQueryClient();
  const { path, scope } = tokensPath(owner);
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays: number | null }) =>
      apiFetch<TokenCreated>(path, { method: "POST", json: input, scope }),
    // The answer holds the token: gone from the mutation cache as soon as the form resets it.
    gcTime: 0,
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.tokens(owner) }),
  });
}

export function useRevokeToken(owner: TokenOwner) {
  const qc = useQueryClient();
  const { path, scope } = tokensPath(owner);
  return useMutation({
    mutationFn: (id: string) => apiFetch<TokenDto>(`${path}/${encodeURIComponent(id)}`, { method: "DELETE", scope }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.tokens(owner) }),
  });
}

// ---- users (account-wide) -----------------------------------------------------------------

export interface UserWithLink {
  user: UserDto;
  setPasswordUrl: string;
}

export function useUsers(q: string | undefined, scope: ScopeRef, enabled = true) {
  return useQuery<UserDto[]>({
    queryKey: [...identityKeys.users(q), ...s(scope)],
    queryFn: ({ signal }) =>
      apiFetch<{ items: UserDto[] }>("/api/users", { scope, query: { q }, signal }).then((r) => r.items),
    enabled,
    // While a new search loads, the previous matches stay (and a chosen user with them).
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: identityKeys.usersAll() });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: { name: string; email: string }) =>
      apiFetch<UserWithLink>("/api/users", { method: "POST", json: input }),
    // The answer holds a set-password link: kept only by the dialog that shows it.
    gcTime: 0,
    onSuccess: invalidate,
  });
}

export function useSetUserDisabled() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (v: { id: string; disabled: boolean }) =>
      apiFetch<UserDto>(`/api/users/${encodeURIComponent(v.id)}`, { method: "PUT", json: { disabled: v.disabled } }),
    onSuccess: invalidate,
  });
}

export function useNewPasswordLink() {
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<UserWithLink>(`/api/users/${encodeURIComponent(id)}/password-link`, { method: "POST" }),
    gcTime: 0,
  });
}

// ---- service accounts and role bindings (per scope) ---------------------------------------

export function useServiceAccounts(scope: ScopeRef) {
  return useQuery({
    queryKey: identityKeys.serviceAccounts(scope),
    queryFn: ({ signal }) =>
      apiFetch<{ items: ServiceAccountDto[] }>("/api/service-accounts", { scope, signal }).then((r) => r.items),
  });
}

export function useCreateServiceAccount(scope: ScopeRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { identifier: string; name: string; description: string }) =>
      apiFetch<ServiceAccountDto>("/api/service-accounts", { method: "POST", json: input, scope }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.serviceAccounts(scope) }),
  });
}

export function useDeleteServiceAccount(scope: ScopeRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (identifier: string) =>
      apiFetch<void>(`/api/service-accounts/${encodeURIComponent(identifier)}`, { method: "DELETE", scope }),
    // Its role bindings go with it.
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: identityKeys.serviceAccounts(scope) }),
        qc.invalidateQueries({ queryKey: identityKeys.bindings(scope) }),
      ]),
  });
}

export function useRoleBindings(scope: ScopeRef) {
  return useQuery({
    queryKey: identityKeys.bindings(scope),
    queryFn: ({ signal }) =>
      apiFetch<{ items: RoleBindingDto[] }>("/api/role-bindings", { scope, signal }).then((r) => r.items),
  });
}

export interface RoleBindingInput {
  role: RoleId;
  principal: { kind: "user" | "serviceAccount"; id: string };
}

function useInvalidateBindings(scope: ScopeRef) {
  const qc = useQueryClient();
  // A binding can change the caller's own permissions, so "me" is read again too.
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: identityKeys.bindings(scope) }),
      qc.invalidateQueries({ queryKey: [...identityKeys.all, "me"] }),
    ]);
}

export function useCreateRoleBinding(scope: ScopeRef) {
  const invalidate = useInvalidateBindings(scope);
  return useMutation({
    mutationFn: (input: RoleBindingInput) =>
      apiFetch<RoleBindingDto>("/api/role-bindings", { method: "POST", json: input, scope }),
    onSuccess: invalidate,
  });
}

export function useDeleteRoleBinding(scope: ScopeRef) {
  const invalidate = useInvalidateBindings(scope);
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<void>(`/api/role-bindings/${encodeURIComponent(id)}`, { method: "DELETE", scope }),
    onSuccess: invalidate,
  });
}

// ---- sessions and passwords (better-auth under /api/auth) ---------------------------------

export const signOut = () => apiFetch<unknown>("/api/auth/sign-out", { method: "POST", json: {} });
export const signOutEverywhere = () => apiFetch<unknown>("/api/auth/revoke-sessions", { method: "POST", json: {} });

export function useChangePassword() {
  return useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      apiFetch<unknown>("/api/auth/change-password", {
        method: "POST",
        json: { ...v, revokeOtherSessions: true },
      }),
    // The variables hold both passwords: keep them in memory no longer than the call.
    gcTime: 0,
  });
}
