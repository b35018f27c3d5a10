"use client";
// TanStack Query hooks for organizations, projects and the current scope (kept in the URL as
// ?org=&project= so a link always opens the same scope).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { apiFetch } from "@/lib/http/client";
import type { ScopeLevel, ScopeRef } from "@/lib/scope";
import type { OrganizationCreate, OrganizationDto, ProjectDto } from "./schemas";

export const scopeKeys = {
  all: ["scopes"] as const,
  orgs: () => [...scopeKeys.all, "orgs"] as const,
  projects: (org: string) => [...scopeKeys.all, "projects", org] as const,
};

export function useScope(): ScopeRef & { level: ScopeLevel; href: (path: string, next?: ScopeRef) => string } {
  const params = useSearchParams();
  const org = params.get("org") ?? undefined;
  const project = org ? (params.get("project") ?? undefined) : undefined;
  return useMemo(
    () => ({
      org,
      project,
      level: project ? "project" : org ? "org" : "account",
      href: (path: string, next: ScopeRef = { org, project }) => {
        const qs = new URLSearchParams();
        if (next.org) qs.set("org", next.org);
        if (next.org && next.project) qs.set("project", next.project);
        const s = qs.toString();
        return s ? `${path}?${s}` : path;
      },
    }),
    [org, project],
  );
}

export function useCurrentPath() {
  return usePathname();
}

export const useOrganizations = () =>
  useQuery({
    queryKey: scopeKeys.orgs(),
    queryFn: ({ signal }) => apiFetch<{ items: OrganizationDto[] }>("/api/orgs", { signal }).then((r) => r.items),
  });

export const useProjects = (org: string | undefined) =>
  useQuery({
    queryKey: scopeKeys.projects(org ?? ""),
    queryFn: ({ signal }) =>
      apiFetch<{ items: ProjectDto[] }>(`/api/orgs/${encodeURIComponent(org!)}/projects`, { signal }).then(
        (r) => r.items,
      ),
    enabled: Boolean(org),
  });

function useInvalidateScopes() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: scopeKeys.all });
}

export function useSaveOrganization() {
  const invalidate = useInvalidateScopes();
  return useMutation({
    mutationFn: (v: { existing?: OrganizationDto; input: OrganizationCreate }) =>
      v.existing
        ? apiFetch<OrganizationDto>(`/api/orgs/${encodeURIComponent(v.existing.identifier)}`, {
            method: "PUT",
            json: { name: v.input.name, description: v.input.description, version: v.existing.version },
          })
        : apiFetch<OrganizationDto>("/api/orgs", { method: "POST", json: v.input }),
    onSuccess: invalidate,
  });
}

export function useDeleteOrganization() {
  const invalidate = useInvalidateScopes();
  return useMutation({
    mutationFn: (identifier: string) =>
      apiFetch<void>(`/api/orgs/${encodeURIComponent(identifier)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useSaveProject(org: string) {
  const invalidate = useInvalidateScopes();
  const base = `/api/orgs/${encodeURIComponent(org)}/projects`;
  return useMutation({
    mutationFn: (v: { existing?: ProjectDto; input: OrganizationCreate }) =>
      v.existing
        ? apiFetch<ProjectDto>(`${base}/${encodeURIComponent(v.existing.identifier)}`, {
            method: "PUT",
            json: { name: v.input.name, description: v.input.description, version: v.existing.version },
          })
        : apiFetch<ProjectDto>(base, { method: "POST", json: v.input }),
    onSuccess: invalidate,
  });
}

export function useDeleteProject(org: string) {
  const invalidate = useInvalidateScopes();
  return useMutation({
    mutationFn: (identifier: string) =>
      apiFetch<void>(`/api/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(identifier)}`, {
        method: "DELETE",
      }),
    onSuccess: invalidate,
  });
}
