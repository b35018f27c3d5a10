// Reads of the audit trail (newest first, cursor pagination).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { AuditEventDto, AuditQuery } from "./schemas";

export async function listAuditEvents(opts: { accountId: string; query: AuditQuery }) {
  const { query } = opts;
  const where: Prisma.AuditEventWhereInput = {
    accountId: opts.accountId,
    ...(query.org ? { orgIdentifier: query.org } : {}),
    ...(query.project ? { projectIdentifier: query.project } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.q
      ? {
          OR: (["entityId", "actor", "orgIdentifier", "projectIdentifier"] as const).map((field) => ({
            [field]: { contains: query.q, mode: "insensitive" as const },
          })),
        }
      : {}),
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const items: AuditEventDto[] = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    orgIdentifier: r.orgIdentifier,
    projectIdentifier: r.projectIdentifier,
    requestId: r.requestId,
    diff: r.diff,
  }));
  return { items, nextCursor: rows.length > query.limit ? rows[query.limit - 1]!.id : null };
}
