// Audit trail: one AuditEvent per change, written in the same transaction as the change.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { redactDeep } from "@/lib/redact";
import type { Actor, Scope } from "@/lib/scope";
import type { AuditAction } from "./schemas";

export interface AuditInput {
  /** Who acted: user, service account or Conduit itself, with the client's address and user agent. */
  actor: Actor;
  action: AuditAction;
  entityType: string;
  entityId: string;
  scope: Pick<Scope, "accountId" | "orgIdentifier" | "projectIdentifier">;
  requestId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Only the fields that changed, each as { from, to }; values under secret-like keys redacted. */
export function diffOf(
  before?: Record<string, unknown> | null,
  after?: Record<string, unknown> | null,
): Record<string, unknown> {
  const b = (redactDeep(before ?? {}) ?? {}) as Record<string, unknown>;
  const a = (redactDeep(after ?? {}) ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (["version", "updatedAt", "createdAt", "id"].includes(key)) continue;
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = { from: b[key] ?? null, to: a[key] ?? null };
  }
  return out;
}

/** The AuditEvent columns for an input (also used by writers that batch it into raw SQL). */
export function auditRow(input: AuditInput) {
  return {
    actor: input.actor.name,
    actorId: input.actor.id,
    actorKind: input.actor.kind,
    clientAddress: input.actor.address?.slice(0, 64) ?? null,
    userAgent: input.actor.userAgent?.slice(0, 512) ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    accountId: input.scope.accountId,
    orgIdentifier: input.scope.orgIdentifier ?? null,
    projectIdentifier: input.scope.projectIdentifier ?? null,
    requestId: input.requestId ?? null,
    diff: diffOf(input.before, input.after) as Prisma.InputJsonValue,
  };
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(input) });
}
