// Reads of the audit trail (newest first, cursor pagination).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/scope";
import type { AuditEventDto, AuditQuery } from "./schemas";

/** Events in the scope and the scopes below it (the route checked `audit:view` there). */
export async function listAuditEvents(opts: { scope: Scope; query: AuditQuery }) {
  const { query, scope } = opts;
  const where: Prisma.AuditEventWhereInput = {
    accountId: scope.accountId,
    ...(scope.orgIdentifier ? { orgIdentifier: scope.orgIdentifier } : {}),
    ...(scope.projectIdentifier ? { projectIdentifier: scope.projectIdentifier } : {}),
    ...(query.actor ? { actorId: query.actor } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.q
      ? {
          OR: (["entityId", "actor", "actorId", "orgIdentifier", "projectIdentifier", "clientAddress"] as const).map(
            (field) => ({
              [field]: { contains: query.q, mode: "insensitive" as const },
            }),
          ),
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
    actorId: r.actorId,
    actorKind: r.actorKind,
    clientAddress: r.clientAddress,
    userAgent: r.userAgent,
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
