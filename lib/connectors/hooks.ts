"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { ConnectorDto, ConnectorListQuery, ConnectorPage } from "./dto";
import type { ConnectorInput } from "./schemas";

export type ConnectorFilters = Partial<
  Pick<ConnectorListQuery, "q" | "credentialType" | "lastTestStatus" | "sort" | "order">
>;

export const connectorKeys = {
  all: ["connectors"] as const,
  list: (scope: ScopeRef, f: ConnectorFilters) => [...connectorKeys.all, "list", scope, f] as const,
  detail: (scope: ScopeRef, id: string) => [...connectorKeys.all, "detail", scope, id] as const,
  yaml: (scope: ScopeRef, id: string) => [...connectorKeys.all, "yaml", scope, id] as const,
};

const base = "/api/connectors";
const one = (identifier: string) => `${base}/${encodeURIComponent(identifier)}`;

export const useConnectors = (scope: ScopeRef, filters: ConnectorFilters) =>
  useInfiniteQuery({
    queryKey: connectorKeys.list(scope, filters),
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      apiFetch<ConnectorPage>(base, { scope, signal, query: { ...filters, cursor: pageParam || undefined } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useConnector = (scope: ScopeRef, identifier: string) =>
  useQuery({
    queryKey: connectorKeys.detail(scope, identifier),
    queryFn: ({ signal }) => apiFetch<ConnectorDto>(one(identifier), { scope, signal }),
  });

export const useConnectorYaml = (scope: ScopeRef, identifier: string) =>
  useQuery({
    queryKey: connectorKeys.yaml(scope, identifier),
    queryFn: ({ signal }) =>
      apiFetch<string>(one(identifier), {
        scope,
        signal,
        query: { format: "yaml" },
        headers: { accept: "application/yaml" },
      }),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: connectorKeys.all });
}

export function useCreateConnector(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: ConnectorInput) => apiFetch<ConnectorDto>(base, { method: "POST", scope, json: input }),
    onSuccess: invalidate,
  });
}

/** `version` is the one the user started editing from; a newer one on the server is a 409. */
export function useUpdateConnector(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { identifier: string; input: ConnectorInput; version: number }) =>
      apiFetch<ConnectorDto>(one(v.identifier), {
        method: "PUT",
        scope,
        json: v.input,
        headers: { "if-match": `"${v.version}"` },
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateConnectorYaml(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { identifier: string; yaml: string; version: number }) =>
      apiFetch<ConnectorDto>(one(v.identifier), {
        method: "PUT",
        scope,
        body: v.yaml,
        headers: { "content-type": "application/yaml", "if-match": `"${v.version}"` },
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteConnector(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (identifier: string) => apiFetch<void>(one(identifier), { method: "DELETE", scope }),
    onSuccess: invalidate,
  });
}
