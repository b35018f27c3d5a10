// A connector's health, from its periodic checks: passing (the credentials work: SUCCESS or
// PARTIAL) or failing, since the first check that said so. A change is an audit event.
import "server-only";
import { randomUUID } from "node:crypto";
import { auditRow } from "@/lib/audit/service";
import { db } from "@/lib/db";
import type { Actor, Scope } from "@/lib/scope";
import type { TestResult } from "./types";

/** Who runs periodic checks, as the history and the audit log show it. */
export const PERIODIC_ACTOR: Actor = { id: "periodic-check", name: "Conduit (periodic check)", kind: "system" };

/**
 * Passing (SUCCESS or PARTIAL: the credentials work) or failing, since the first check that said so.
 * One statement: the row is locked, changed only when its health changed, and a change from one
 * health to the other writes its audit event with it (a first health has nothing to compare).
 */
export async function recordHealth(row: { id: string; identifier: string }, scope: Scope, result: TestResult) {
  const status = result.status === "FAILURE" ? "failing" : "passing";
  const a = auditRow({
    actor: PERIODIC_ACTOR,
    action: "HEALTH",
    entityType: "Connector",
    entityId: row.identifier,
    scope,
    before: { health: status === "failing" ? "passing" : "failing" },
    after: { health: status, errorSummary: status === "failing" ? result.errorSummary : undefined },
  });
  // Raw SQL: updatedAt is the connector's last *edit* and stays.
  await db.$executeRaw`
    WITH old AS (
      SELECT id, "healthStatus" AS before FROM "Connector" WHERE id = ${row.id} FOR UPDATE
    ), upd AS (
      UPDATE "Connector" c SET "healthStatus" = ${status}, "healthSince" = now()
        FROM old WHERE c.id = old.id AND old.before IS DISTINCT FROM ${status}
      RETURNING old.before
    )
    INSERT INTO "AuditEvent" (id, actor, "actorId", "actorKind", action, "entityType", "entityId", "accountId", "orgIdentifier", "projectIdentifier", diff)
    SELECT ${randomUUID()}, ${a.actor}, ${a.actorId}, ${a.actorKind}, ${a.action}, ${a.entityType}, ${a.entityId}, ${a.accountId},
           ${a.orgIdentifier}, ${a.projectIdentifier}, ${JSON.stringify(a.diff)}::jsonb
      FROM upd WHERE upd.before IS NOT NULL`;
}
