"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { AuditEventDto } from "./schemas";

export interface AuditFilters {
  entityType?: string;
  action?: string;
  q?: string;
  /** One actor's events (user or service account id). */
  actor?: string;
  org?: string;
  project?: string;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (f: AuditFilters) => [...auditKeys.all, f] as const,
};

export const useAuditEvents = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      apiFetch<{ items: AuditEventDto[]; nextCursor: string | null }>("/api/audit", {
        signal,
        query: { ...filters, cursor: pageParam || undefined, limit: 50 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
