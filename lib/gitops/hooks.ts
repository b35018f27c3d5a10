"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch, apiUrl } from "@/lib/http/client";
import { useStepStream } from "@/lib/steps/use-step-stream";
import type { ScopeRef } from "@/lib/scope";
import {
  CLUSTER_TEST_STEP_LABELS,
  CLUSTER_TEST_STEPS,
  type ClusterTestResult,
  type ClusterTestStep,
  type GitopsAgentDto,
  type GitopsClusterDto,
  type GitopsGuideDto,
} from "./dto";
import type { EksClusterInfo } from "@/lib/eks/lookup-schemas";
import type { ConnectionStatus, GitopsAgentInput, GitopsClusterInput } from "./schemas";

export interface ClusterFilters {
  q?: string;
  agent?: string;
  status?: ConnectionStatus;
}

export const gitopsKeys = {
  all: ["gitops"] as const,
  agents: (scope: ScopeRef, q?: string) => [...gitopsKeys.all, "agents", scope, q ?? ""] as const,
  agent: (scope: ScopeRef, id: string) => [...gitopsKeys.all, "agent", scope, id] as const,
  clusters: (scope: ScopeRef, f: ClusterFilters) => [...gitopsKeys.all, "clusters", scope, f] as const,
  cluster: (scope: ScopeRef, id: string) => [...gitopsKeys.all, "cluster", scope, id] as const,
  yaml: (scope: ScopeRef, kind: "agents" | "clusters", id: string) =>
    [...gitopsKeys.all, "yaml", kind, scope, id] as const,
  guide: (scope: ScopeRef, kind: "agents" | "clusters", id: string) =>
    [...gitopsKeys.all, "guide", kind, scope, id] as const,
  eksCluster: (scope: ScopeRef, connectorRef: string, cluster: string) =>
    [...gitopsKeys.all, "eks-cluster", scope, connectorRef, cluster] as const,
};

const agentsUrl = "/api/gitops/agents";
const clustersUrl = "/api/gitops/clusters";
const one = (base: string, identifier: string) => `${base}/${encodeURIComponent(identifier)}`;

export const useGitopsAgents = (scope: ScopeRef, q?: string, enabled = true) =>
  useQuery({
    queryKey: gitopsKeys.agents(scope, q),
    queryFn: ({ signal }) => apiFetch<{ items: GitopsAgentDto[] }>(agentsUrl, { scope, signal, query: { q } }),
    enabled,
  });

export const useGitopsAgent = (scope: ScopeRef, identifier: string) =>
  useQuery({
    queryKey: gitopsKeys.agent(scope, identifier),
    queryFn: ({ signal }) => apiFetch<GitopsAgentDto>(one(agentsUrl, identifier), { scope, signal }),
    enabled: Boolean(identifier),
  });

export const useGitopsClusters = (scope: ScopeRef, filters: ClusterFilters, enabled = true) =>
  useQuery({
    queryKey: gitopsKeys.clusters(scope, filters),
    queryFn: ({ signal }) =>
      apiFetch<{ items: GitopsClusterDto[] }>(clustersUrl, { scope, signal, query: { ...filters } }),
    enabled,
  });

export const useGitopsCluster = (scope: ScopeRef, identifier: string) =>
  useQuery({
    queryKey: gitopsKeys.cluster(scope, identifier),
    queryFn: ({ signal }) => apiFetch<GitopsClusterDto>(one(clustersUrl, identifier), { scope, signal }),
    enabled: Boolean(identifier),
  });

export const useGitopsYaml = (scope: ScopeRef, kind: "agents" | "clusters", identifier: string) =>
  useQuery({
    queryKey: gitopsKeys.yaml(scope, kind, identifier),
    queryFn: ({ signal }) =>
      apiFetch<string>(one(kind === "agents" ? agentsUrl : clustersUrl, identifier), {
        scope,
        signal,
        query: { format: "yaml" },
        headers: { accept: "application/yaml" },
      }),
  });

export const useGitopsGuide = (scope: ScopeRef, kind: "agents" | "clusters", identifier: string, enabled = true) =>
  useQuery({
    queryKey: gitopsKeys.guide(scope, kind, identifier),
    queryFn: ({ signal }) =>
      apiFetch<GitopsGuideDto>(`${one(kind === "agents" ? agentsUrl : clustersUrl, identifier)}/guide`, {
        scope,
        signal,
      }),
    enabled,
    staleTime: 60_000,
  });

export type { EksClusterInfo };

/** DescribeCluster through a connector, for "Import from EKS" (`cluster` as the cluster list gives it). */
export const useEksClusterDescription = (scope: ScopeRef, connectorRef: string, cluster: string, enabled: boolean) =>
  useQuery({
    queryKey: gitopsKeys.eksCluster(scope, connectorRef, cluster),
    queryFn: ({ signal }) =>
      apiFetch<EksClusterInfo>("/api/aws/eks/cluster", { scope, signal, query: { connectorRef, cluster } }),
    enabled: enabled && Boolean(connectorRef && cluster),
    retry: false,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: gitopsKeys.all });
}

const ifMatch = (version: number) => ({ "if-match": `"${version}"` });

export function useSaveAgent(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { input: GitopsAgentInput; identifier?: string; version?: number }) =>
      v.identifier && v.version
        ? apiFetch<GitopsAgentDto>(one(agentsUrl, v.identifier), {
            method: "PUT",
            scope,
            json: v.input,
            headers: ifMatch(v.version),
          })
        : apiFetch<GitopsAgentDto>(agentsUrl, { method: "POST", scope, json: v.input }),
    onSuccess: invalidate,
  });
}

export function useSaveCluster(scope: ScopeRef) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { input: GitopsClusterInput; identifier?: string; version?: number }) =>
      v.identifier && v.version
        ? apiFetch<GitopsClusterDto>(one(clustersUrl, v.identifier), {
            method: "PUT",
            scope,
            json: v.input,
            headers: ifMatch(v.version),
          })
        : apiFetch<GitopsClusterDto>(clustersUrl, { method: "POST", scope, json: v.input }),
    onSuccess: invalidate,
  });
}

export function useSaveGitopsYaml(scope: ScopeRef, kind: "agents" | "clusters") {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { identifier: string; yaml: string; version: number }) =>
      apiFetch<GitopsAgentDto | GitopsClusterDto>(one(kind === "agents" ? agentsUrl : clustersUrl, v.identifier), {
        method: "PUT",
        scope,
        body: v.yaml,
        headers: { "content-type": "application/yaml", ...ifMatch(v.version) },
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteGitops(scope: ScopeRef, kind: "agents" | "clusters") {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (identifier: string) =>
      apiFetch<void>(one(kind === "agents" ? agentsUrl : clustersUrl, identifier), { method: "DELETE", scope }),
    onSuccess: invalidate,
  });
}

const initialClusterSteps = (): ClusterTestStep[] =>
  CLUSTER_TEST_STEPS.map((step) => ({
    type: "step",
    step,
    title: CLUSTER_TEST_STEP_LABELS[step],
    status: "pending",
    retries: 0,
  }));

/** Runs "Test connection" and follows its steps live; the cluster's saved status refreshes after. */
export function useClusterTest(scope: ScopeRef) {
  const invalidate = useInvalidate();
  const { run, ...state } = useStepStream<ClusterTestStep, ClusterTestResult>(initialClusterSteps);
  const start = useCallback(
    (identifier: string) => run(apiUrl(`${one(clustersUrl, identifier)}/test`, { scope }), {}, invalidate),
    [run, scope, invalidate],
  );
  return { ...state, start };
}
