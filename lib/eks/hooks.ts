"use client";
// Live lookups through a connector for the definition form. Each query runs only while its
// inputs are fixed values (`enabled`), and passes TanStack's signal so a superseded lookup is
// cancelled.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiUrl } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import type { NamespaceList } from "./lookup-schemas";
import type { ClusterListing, RegionListing } from "./schemas";

export const eksKeys = {
  all: ["eks"] as const,
  regions: (scope: ScopeRef, connectorRef: string) => [...eksKeys.all, "regions", scope, connectorRef] as const,
  clusters: (scope: ScopeRef, connectorRef: string, region: string) =>
    [...eksKeys.all, "clusters", scope, connectorRef, region] as const,
};

/** Regions change rarely; clusters come and go, but the server keeps them 30 s anyway. */
const REGIONS_STALE_MS = 5 * 60_000;
const CLUSTERS_STALE_MS = 30_000;

export const useRegions = (scope: ScopeRef, connectorRef: string, enabled: boolean) =>
  useQuery({
    queryKey: eksKeys.regions(scope, connectorRef),
    queryFn: ({ signal }) => apiFetch<RegionListing>("/api/aws/regions", { scope, signal, query: { connectorRef } }),
    enabled: enabled && connectorRef !== "",
    staleTime: REGIONS_STALE_MS,
    retry: false,
  });

/** `region` empty: every enabled region of the connector's partition (values `region/cluster`). */
export function useClusters(scope: ScopeRef, connectorRef: string, region: string, enabled: boolean) {
  const client = useQueryClient();
  const queryKey = eksKeys.clusters(scope, connectorRef, region);
  const fetchClusters = (signal: AbortSignal | undefined, refresh: boolean) =>
    apiFetch<ClusterListing>("/api/aws/eks/clusters", {
      scope,
      signal,
      query: { connectorRef, region: region || undefined, refresh: refresh ? "1" : undefined },
    });
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchClusters(signal, false),
    enabled: enabled && connectorRef !== "",
    staleTime: CLUSTERS_STALE_MS,
    retry: false,
  });
  /** The Refresh button: past both this cache and the server's. */
  const refresh = () =>
    client.fetchQuery({ queryKey, queryFn: ({ signal }) => fetchClusters(signal, true), staleTime: 0, retry: false });
  return { ...query, refresh };
}

// Cluster-level lookups (namespaces, kubeconfig): helper B2's part of this file.
export const namespaceKeys = {
  all: ["eks", "namespaces"] as const,
  list: (scope: ScopeRef, connectorRef: string, cluster: string, region: string) =>
    [...namespaceKeys.all, scope, connectorRef, cluster, region] as const,
};

/**
 * The cluster's namespaces, as suggestions: the field stays free text, and a failure carries the
 * reason in words (`errorMessage(query.error)`). `region` is the definition's region, used when
 * `cluster` is a bare name.
 */
export const useNamespaces = (scope: ScopeRef, connectorRef: string, cluster: string, enabled: boolean, region = "") =>
  useQuery({
    queryKey: namespaceKeys.list(scope, connectorRef, cluster, region),
    queryFn: ({ signal }) =>
      apiFetch<NamespaceList>("/api/aws/eks/namespaces", { scope, signal, query: { connectorRef, cluster, region } }),
    enabled: enabled && connectorRef !== "" && cluster !== "",
    staleTime: 30_000,
    // A refused token or an unreachable endpoint will not fix itself within seconds.
    retry: false,
  });

/** Where the browser downloads the cluster's kubeconfig (a plain link: the server sets the file name). */
export const kubeconfigUrl = (scope: ScopeRef, connectorRef: string, cluster: string, region = "") =>
  apiUrl("/api/aws/eks/kubeconfig", { scope, query: { connectorRef, cluster, region } });
